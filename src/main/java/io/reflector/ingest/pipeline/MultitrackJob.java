package io.reflector.ingest.pipeline;

import java.util.List;

/** Run {@code run} of a transcript, whose tracks are to be padded and mixed: track i is speaker i. */
public record MultitrackJob(String transcriptId, int run, String recordingId, String bucket, List<String> trackKeys) {
}
