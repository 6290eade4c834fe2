package io.reflector.ingest.transcription;

import java.util.List;

import io.reflector.ingest.pipeline.FailureKind;
import io.reflector.ingest.pipeline.TrackResult;

/**
 * What one track's transcription brings back: its words, or why there are none.
 *
 * @param failure null when the track was transcribed
 * @param failureKind whether the failure is permanent; null when the track was transcribed
 */
public record TrackTranscript(int index, int trackCount, List<RecognizedWord> words, String failure,
                              FailureKind failureKind) {

    static TrackTranscript transcribed(TrackResult track, List<RecognizedWord> words) {
        return new TrackTranscript(track.index(), track.trackCount(), List.copyOf(words), null, null);
    }

    static TrackTranscript failed(TrackResult track, String failure, FailureKind failureKind) {
        return new TrackTranscript(track.index(), track.trackCount(), List.of(), failure, failureKind);
    }

    public boolean failedTrack() {
        return failure != null;
    }
}
