package io.reflector.ingest.pipeline;

import io.reflector.ingest.media.PadReport;

/**
 * What a track brings to its run's mixdown: the file to mix, or why there is none.
 *
 * @param paddedFile     the file to mix (and to transcribe): the padded track, or the source of a recording's
 *                       only file, which the mix puts on the meeting clock
 * @param paddedKey      where the padded track is kept for transcription; null when there is none
 * @param onMeetingClock false for a source the mix must put on the meeting clock
 * @param padPath        how it was padded ({@link PadReport.Path}), for the record
 * @param offsetSeconds  where the participant's audio starts on the meeting clock, when known
 * @param durationSeconds length of the padded track from meeting time 0; 0 when not known before the mix
 * @param failure        null when the track was padded
 * @param failureKind    whether the failure is permanent; null when the track was padded
 */
public record TrackResult(RunRef ref, int index, int trackCount, String workDir,
                          String paddedFile, String paddedKey, boolean onMeetingClock, String padPath,
                          Double offsetSeconds, double durationSeconds, String failure, FailureKind failureKind) {

    static TrackResult padded(TrackJob job, PadReport report) {
        return new TrackResult(job.ref(), job.index(), job.trackCount(),
                job.workDir().toString(), job.paddedFile().toString(), job.paddedKey(), true, report.path().name(),
                report.offsetSeconds(), report.durationMs() / 1000, null, null);
    }

    static TrackResult mixedFromSource(TrackJob job, PadReport report) {
        return new TrackResult(job.ref(), job.index(), job.trackCount(),
                job.workDir().toString(), job.sourceFile().toString(), null, false, report.path().name(), null, 0,
                null, null);
    }

    static TrackResult failed(TrackJob job, String failure, FailureKind failureKind) {
        return new TrackResult(job.ref(), job.index(), job.trackCount(),
                job.workDir().toString(), null, null, false, null, null, 0, failure, failureKind);
    }

    /** After the mix: a track without a padded file of its own is transcribed from the stored MP3. */
    TrackResult transcribedFrom(String mixFile, String audioKey) {
        return paddedKey != null ? this : new TrackResult(ref, index, trackCount, workDir,
                mixFile, audioKey, onMeetingClock, padPath, offsetSeconds, durationSeconds, failure, failureKind);
    }

    public String transcriptId() {
        return ref.transcriptId();
    }

    public int run() {
        return ref.run();
    }

    public boolean failedTrack() {
        return failure != null;
    }
}
