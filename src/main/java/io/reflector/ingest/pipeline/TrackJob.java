package io.reflector.ingest.pipeline;

import java.nio.file.Path;

/** One track of a {@link MultitrackJob}, as the splitter hands it on. */
public record TrackJob(RunRef ref, String key, int index, int trackCount, Path workDir) {

    public Path sourceFile() {
        return workDir.resolve("source_" + index + ".webm");
    }

    public Path paddedFile() {
        return workDir.resolve("padded_" + index + ".webm");
    }

    /** Where the padded track is kept for transcription, in the transcript bucket. */
    public String paddedKey() {
        return paddedKey(ref.transcriptId(), index);
    }

    public String transcriptId() {
        return ref.transcriptId();
    }

    public int run() {
        return ref.run();
    }

    /** The bucket to fetch the track from. */
    public String bucket() {
        return ref.bucket();
    }

    static String paddedKey(String transcriptId, int index) {
        return transcriptId + "/tracks/padded_" + index + ".webm";
    }
}
