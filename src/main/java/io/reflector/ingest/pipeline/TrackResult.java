package io.reflector.ingest.pipeline;

import java.io.Serializable;

/**
 * What a track brings to its recording's aggregate: the padded file, or why there is none. Serializable and small,
 * because the aggregation repository stores it in PostgreSQL until every track of the recording has arrived.
 *
 * @param offsetSeconds where the track starts on the meeting clock (ffprobe), for the record
 * @param failure       null when the track was padded
 * @param failureKind   whether the failure is permanent; null when the track was padded
 */
public record TrackResult(String transcriptId, int run, String recordingId, int index, int trackCount, String workDir,
                          String paddedFile, String paddedKey, double offsetSeconds, String failure,
                          FailureKind failureKind)
        implements Serializable {

    static TrackResult padded(TrackJob job, double offsetSeconds) {
        return new TrackResult(job.transcriptId(), job.run(), job.recordingId(), job.index(), job.trackCount(),
                job.workDir().toString(), job.paddedFile().toString(), job.paddedKey(), offsetSeconds, null, null);
    }

    static TrackResult failed(TrackJob job, String failure, FailureKind failureKind) {
        return new TrackResult(job.transcriptId(), job.run(), job.recordingId(), job.index(), job.trackCount(),
                job.workDir().toString(), null, null, 0, failure, failureKind);
    }

    /** What the tracks of one run aggregate on: a later run of the same recording never joins an earlier one. */
    public String runKey() {
        return transcriptId + "/run-" + run;
    }

    public boolean failedTrack() {
        return failure != null;
    }
}
