package io.reflector.ingest.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds marker tone bursts in a decoded file the way check-alignment.py does: the file is decoded in sample order
 * (as a transcriber sees it) to 48 kHz float, first channel; a complex matched filter at the marker frequency is
 * slid over a small window around the expected onset. |correlation| of a rectangular burst is a triangle whose apex
 * is the onset; a parabola through the apex and its neighbours gives the sub-sample position.
 */
public final class MarkerLocator {

    public static final int SAMPLE_RATE = 48_000;
    /** Markers are written at 0.5; anything much weaker is not the marker. */
    static final double MIN_AMPLITUDE = 0.2;

    public record Marker(double seconds, double amplitude) {
    }

    private MarkerLocator() {
    }

    public static float[] decodeFirstChannel(FfmpegBinaries binaries, ProcessRunner runner, Path file) {
        return runner.run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-af", "pan=mono|c0=c0", "-ar", String.valueOf(SAMPLE_RATE), "-f", "f32le", "-"),
                Duration.ofMinutes(2), MarkerLocator::readFloats);
    }

    private static float[] readFloats(InputStream pcm) throws IOException {
        byte[] bytes = pcm.readAllBytes();
        float[] samples = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
        return samples;
    }

    /** The onset of the strongest burst at {@code freqHz} within +-windowSeconds of {@code expectedSeconds}. */
    public static Optional<Marker> locate(float[] x, double expectedSeconds, double freqHz, double toneSeconds,
                                   double windowSeconds) {
        int length = (int) Math.round(toneSeconds * SAMPLE_RATE);
        int from = Math.max(0, (int) ((expectedSeconds - windowSeconds) * SAMPLE_RATE));
        int to = Math.min(x.length, (int) ((expectedSeconds + windowSeconds + toneSeconds) * SAMPLE_RATE) + length);
        double[] magnitude = correlation(x, from, to, freqHz, length);
        if (magnitude.length < 3) {
            return Optional.empty();
        }
        int best = 0;
        for (int k = 0; k < magnitude.length; k++) {
            if (magnitude[k] > magnitude[best]) {
                best = k;
            }
        }
        return magnitude[best] < MIN_AMPLITUDE ? Optional.empty() : Optional.of(apex(magnitude, best, from));
    }

    /**
     * Every burst at {@code freqHz} in the whole signal, in time order, as a transcriber that knows nothing of the
     * meeting would find them: each stretch where the correlation exceeds the marker threshold (dips shorter than a
     * burst included) is one burst.
     */
    public static List<Marker> locateAll(float[] x, double freqHz, double toneSeconds) {
        int length = (int) Math.round(toneSeconds * SAMPLE_RATE);
        double[] magnitude = correlation(x, 0, x.length, freqHz, length);
        List<Marker> markers = new ArrayList<>();
        int k = 0;
        while (k < magnitude.length) {
            if (magnitude[k] < MIN_AMPLITUDE) {
                k++;
                continue;
            }
            int best = k;
            int lastAbove = k;
            for (; k < magnitude.length && k - lastAbove <= length; k++) {
                if (magnitude[k] >= MIN_AMPLITUDE) {
                    lastAbove = k;
                    best = magnitude[k] > magnitude[best] ? k : best;
                }
            }
            markers.add(apex(magnitude, best, 0));
        }
        return markers;
    }

    /**
     * |correlation| with a tone burst of {@code length} samples at every offset in [from, to - length]. Prefix sums
     * of x[n] e^{-j w n}: the correlation at every offset is then one difference, O(1) each.
     */
    private static double[] correlation(float[] x, int from, int to, double freqHz, int length) {
        int offsets = Math.max(0, to - from - length + 1);
        double omega = 2 * Math.PI * freqHz / SAMPLE_RATE;
        double[] re = new double[to - from + 1];
        double[] im = new double[to - from + 1];
        for (int n = from; n < to; n++) {
            int k = n - from;
            re[k + 1] = re[k] + x[n] * Math.cos(omega * n);
            im[k + 1] = im[k] - x[n] * Math.sin(omega * n);
        }
        double[] magnitude = new double[offsets];
        for (int k = 0; k < offsets; k++) {
            magnitude[k] = Math.hypot(re[k + length] - re[k], im[k + length] - im[k]) * 2.0 / length;
        }
        return magnitude;
    }

    /** A parabola through the peak and its neighbours gives the sub-sample onset. */
    private static Marker apex(double[] magnitude, int best, int from) {
        double fraction = 0;
        if (best > 0 && best < magnitude.length - 1) {
            double y0 = magnitude[best - 1];
            double y1 = magnitude[best];
            double y2 = magnitude[best + 1];
            double denominator = y0 - 2 * y1 + y2;
            if (denominator != 0) {
                fraction = Math.max(-0.5, Math.min(0.5, 0.5 * (y0 - y2) / denominator));
            }
        }
        return new Marker((from + best + fraction) / SAMPLE_RATE, magnitude[best]);
    }
}
