package io.reflector.ingest.media;

import java.util.List;

/**
 * What the pipeline stores about the mixed audio: its length from the decoded samples (not from packet durations,
 * which include the MP3 encoder's priming) and the waveform (255 values in [0, 1]).
 */
public record AudioSummary(double durationMs, List<Double> waveform) {

    public AudioSummary {
        waveform = List.copyOf(waveform);
    }
}
