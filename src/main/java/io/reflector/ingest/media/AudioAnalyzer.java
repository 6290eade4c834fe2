package io.reflector.ingest.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Duration and waveform of an audio file (the mixed MP3), from its decoded samples. ffmpeg decodes to raw float PCM
 * on stdout and the samples are consumed as they arrive: only one peak per 10 ms block is kept (100 floats per
 * second of audio, about 1.4 MB for a 1-hour meeting), never the PCM itself. The blocks are folded into the
 * waveform's windows at the end, because the window length depends on the total length, which is only known then;
 * a probed duration would be an estimate, the sample count is exact.
 */
public class AudioAnalyzer {

    /*
     * Decoding to a fixed 48 kHz stereo makes the sample count alone give the duration. Meeting audio is mono or
     * stereo, so upmixing or keeping 2 channels changes no peak that matters for a normalised waveform.
     */
    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;
    static final int FRAMES_PER_BLOCK = SAMPLE_RATE / 100;

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final FfmpegBinaries binaries;
    private final ProcessRunner runner;
    private final Duration timeout;

    public AudioAnalyzer(FfmpegBinaries binaries, ProcessRunner runner, Duration timeout) {
        this.binaries = binaries;
        this.runner = runner;
        this.timeout = timeout;
    }

    public AudioSummary analyze(String input) {
        BlockPeaks peaks = runner.run(command(input), timeout, BlockPeaks::readFrom);
        double durationMs = Math.round(peaks.frames * 1000.0 / SAMPLE_RATE * 100.0) / 100.0;
        return new AudioSummary(durationMs,
                WaveformFold.fold(peaks.peaks(), FRAMES_PER_BLOCK, peaks.frames, WaveformFold.WINDOWS));
    }

    List<String> command(String input) {
        return List.of(binaries.ffmpeg().toString(), "-nostdin", "-nostats", "-loglevel", "error",
                "-i", input, "-map", "0:a:0",
                "-ac", String.valueOf(CHANNELS), "-ar", String.valueOf(SAMPLE_RATE),
                "-c:a", "pcm_f32le", "-f", "f32le", "-");
    }

    /** Peak |sample| (over both channels) per block of {@link #FRAMES_PER_BLOCK} frames, filled while streaming. */
    private static final class BlockPeaks {
        private static final int SAMPLES_PER_BLOCK = FRAMES_PER_BLOCK * CHANNELS;

        private float[] blocks = new float[1024];
        private int blockCount;
        private float currentPeak;
        private int samplesInCurrent;
        private long samples;
        private long frames;

        static BlockPeaks readFrom(InputStream pcm) throws IOException {
            BlockPeaks peaks = new BlockPeaks();
            byte[] buffer = new byte[READ_BUFFER_BYTES];
            for (int n = pcm.readNBytes(buffer, 0, buffer.length); n > 0; n = pcm.readNBytes(buffer, 0, buffer.length)) {
                peaks.add(ByteBuffer.wrap(buffer, 0, n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
            }
            if (peaks.samplesInCurrent > 0) {
                peaks.closeBlock();
            }
            peaks.frames = peaks.samples / CHANNELS;
            return peaks;
        }

        private void add(FloatBuffer pcm) {
            while (pcm.hasRemaining()) {
                currentPeak = Math.max(currentPeak, Math.abs(pcm.get()));
                samples++;
                if (++samplesInCurrent == SAMPLES_PER_BLOCK) {
                    closeBlock();
                }
            }
        }

        private void closeBlock() {
            if (blockCount == blocks.length) {
                blocks = Arrays.copyOf(blocks, blocks.length * 2);
            }
            blocks[blockCount++] = currentPeak;
            currentPeak = 0;
            samplesInCurrent = 0;
        }

        float[] peaks() {
            return Arrays.copyOf(blocks, blockCount);
        }
    }
}
