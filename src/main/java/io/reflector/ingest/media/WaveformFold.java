package io.reflector.ingest.media;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Folds fine-grained block peaks into the waveform the frontend draws (spec 6.6, recommended form): the timeline
 * split into equal time windows, the peak |sample| of each, divided by the loudest, rounded to 2 decimals.
 */
public final class WaveformFold {

    public static final int WINDOWS = 255;

    private WaveformFold() {
    }

    /**
     * @param blockPeaks peak |sample| of consecutive blocks of {@code framesPerBlock} sample frames; the last
     *        block may be partial
     * @param totalFrames number of sample frames in the whole file
     * @return {@code windows} values in [0, 1]; all zeros for silence or an empty file
     */
    public static List<Double> fold(float[] blockPeaks, int framesPerBlock, long totalFrames, int windows) {
        float loudest = 0;
        for (float peak : blockPeaks) {
            loudest = Math.max(loudest, peak);
        }
        if (totalFrames == 0 || blockPeaks.length == 0 || loudest == 0) {
            return Collections.nCopies(windows, 0.0);
        }
        List<Double> waveform = new ArrayList<>(windows);
        for (int w = 0; w < windows; w++) {
            long start = w * totalFrames / windows;
            // Files shorter than one frame per window still get a value in every window.
            long end = Math.max(start + 1, (w + 1) * totalFrames / windows);
            // A block that straddles a window boundary counts for both windows: at most one block of smear.
            int first = (int) Math.min(start / framesPerBlock, blockPeaks.length - 1);
            int last = (int) Math.min((end - 1) / framesPerBlock, blockPeaks.length - 1);
            float peak = 0;
            for (int b = first; b <= last; b++) {
                peak = Math.max(peak, blockPeaks[b]);
            }
            waveform.add(Math.round(peak / loudest * 100.0) / 100.0);
        }
        return List.copyOf(waveform);
    }
}
