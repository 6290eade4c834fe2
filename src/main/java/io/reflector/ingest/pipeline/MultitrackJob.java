package io.reflector.ingest.pipeline;

import java.util.List;

import io.reflector.ingest.store.Recording;

/** A run to do: its tracks are to be padded and mixed, track i is speaker i (a Whereby recording has one file). */
public record MultitrackJob(RunRef ref, List<String> trackKeys) {

    /** The job is rebuilt from the database alone (spec §10.1, #29): the microphone tracks, else the one file. */
    static MultitrackJob of(String transcriptId, int run, Recording recording) {
        return new MultitrackJob(new RunRef(transcriptId, run, recording.id(), recording.bucketName()),
                trackKeys(recording));
    }

    static List<String> trackKeys(Recording recording) {
        return recording.trackKeys() != null ? recording.trackKeys() : List.of(recording.objectKey());
    }
}
