package io.reflector.ingest.pipeline;

/**
 * Which run of which recording a message belongs to: carried inside every message of the pipeline, so no stage reads
 * the run's identity from exchange properties.
 *
 * @param bucket where the recording's files are (the Daily or the Whereby bucket)
 */
public record RunRef(String transcriptId, int run, String recordingId, String bucket) {

    /** The run's work directory name under {@code <data-dir>/work}. */
    public String workDirName() {
        return transcriptId + "-run-" + run;
    }

    @Override
    public String toString() {
        return "transcript " + transcriptId + " run " + run;
    }
}
