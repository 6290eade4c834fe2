package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;

import org.junit.jupiter.api.Test;

class WaveformFoldTest {

    @Test
    void oneBlockPerWindowIsNormalisedByTheLoudestAndRoundedToTwoDecimals() {
        float[] peaks = {0.5f, 0.25f, 1f / 6, 0f};

        assertThat(WaveformFold.fold(peaks, 10, 40, 4)).containsExactly(1.0, 0.5, 0.33, 0.0);
    }

    @Test
    void aWindowTakesThePeakOfAllItsBlocks() {
        float[] peaks = {0.1f, 0.4f, 0.2f, 0.2f, 0.8f, 0.1f};

        assertThat(WaveformFold.fold(peaks, 100, 600, 3)).containsExactly(0.5, 0.25, 1.0);
    }

    @Test
    void windowsSplitTheTimelineNotTheBlockList() {
        // 250 frames: two windows of 125 frames over blocks of 100, 100 and 50 frames.
        float[] peaks = {0.2f, 0.4f, 0.8f};

        assertThat(WaveformFold.fold(peaks, 100, 250, 2)).containsExactly(0.5, 1.0);
    }

    @Test
    void aFileShorterThanTheWindowCountStillFillsEveryWindow() {
        // 2 blocks of 480 frames = 20 ms, folded into 255 windows: each window lies in one block.
        float[] peaks = {0.3f, 0.6f};

        var waveform = WaveformFold.fold(peaks, 480, 960, 255);

        assertThat(waveform).hasSize(255);
        assertThat(waveform.subList(0, 127)).containsOnly(0.5);
        assertThat(waveform.subList(128, 255)).containsOnly(1.0);
    }

    @Test
    void silenceGivesZerosNotNaN() {
        assertThat(WaveformFold.fold(new float[100], 480, 48_000, 255)).hasSize(255).containsOnly(0.0);
    }

    @Test
    void anEmptyFileGivesZeros() {
        assertThat(WaveformFold.fold(new float[0], 480, 0, 255)).isEqualTo(Collections.nCopies(255, 0.0));
    }
}
