package io.reflector.ingest.pipeline;

import java.util.List;

/**
 * What the mixdown hands to transcription: a run whose mixed audio is stored, and its tracks in index order, each
 * naming the file and key to transcribe (its padded track, or the stored MP3 for a track the mix put on the clock).
 */
public record StoredAudio(RunRef ref, List<TrackResult> tracks) {

    public StoredAudio {
        tracks = List.copyOf(tracks);
    }
}
