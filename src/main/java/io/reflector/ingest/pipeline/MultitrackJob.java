package io.reflector.ingest.pipeline;

import java.util.List;

/** A claimed transcript whose tracks are to be padded and mixed: track i is speaker i. */
public record MultitrackJob(String transcriptId, String recordingId, String bucket, List<String> trackKeys) {
}
