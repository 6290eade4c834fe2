package io.reflector.ingest.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Mixes a recording's tracks into its MP3 ({@link MixCommand}: the mix and the MP3 encode run side by side) and
 * measures the mix while it is made: the mixed samples arrive as float PCM on the mix's stdout and are measured on
 * their way to the encoder. Only one peak per
 * 10 ms block is kept (100 floats per second of audio, about 1.4 MB for a 1-hour meeting), never the PCM itself. The
 * blocks are folded into the waveform's windows at the end, because the window length depends on the total length,
 * which is only known then; the sample count gives the exact duration.
 */
public class Mixer {

    /*
     * Decoding to a fixed 48 kHz stereo makes the sample count alone give the duration. Meeting audio is mono or
     * stereo, so upmixing or keeping 2 channels changes no peak that matters for a normalised waveform.
     */
    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;
    static final int FRAMES_PER_BLOCK = SAMPLE_RATE / 100;
    /** How often progress is told: once per this many seconds of mixed audio. */
    static final int PROGRESS_EVERY_SECONDS = 10;

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    /** Told the number of seconds mixed so far, while the mix runs. */
    @FunctionalInterface
    public interface Progress {
        void mixedSeconds(long seconds);
    }

    private final FfmpegBinaries binaries;
    private final ProcessRunner runner;
    private final Duration timeout;

    public Mixer(FfmpegBinaries binaries, ProcessRunner runner, Duration timeout) {
        this.binaries = binaries;
        this.runner = runner;
        this.timeout = timeout;
    }

    /** Writes {@code mp3} from the inputs and returns its duration and waveform. */
    public AudioSummary mix(List<MixCommand.Input> inputs, Path mp3, Progress progress) {
        BlockPeaks peaks;
        try {
            peaks = runner.run(MixCommand.mix(binaries.ffmpeg(), inputs), timeout, pcm -> {
                BlockPeaks measured = new BlockPeaks();
                runner.feed(MixCommand.mp3(binaries.ffmpeg(), mp3), timeout,
                        encoder -> measured.pass(pcm, encoder, progress));
                return measured;
            });
        } catch (MediaProcessingException e) {
            throw NoAudioStreamException.recognise(e, inputs.size() == 1 ? "the recording's file"
                    : "one of the " + inputs.size() + " tracks");
        }
        double durationMs = Math.round(peaks.frames * 1000.0 / SAMPLE_RATE * 100.0) / 100.0;
        return new AudioSummary(durationMs,
                WaveformFold.fold(peaks.peaks(), FRAMES_PER_BLOCK, peaks.frames, WaveformFold.WINDOWS));
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

        /** Measures the PCM while passing it on to the encoder, which then sees its end. */
        void pass(InputStream pcm, OutputStream encoder, Progress progress) throws IOException {
            byte[] buffer = new byte[READ_BUFFER_BYTES];
            long toldSeconds = 0;
            int carried = 0;
            for (int n = pcm.read(buffer, carried, buffer.length - carried); n > 0;
                 n = pcm.read(buffer, carried, buffer.length - carried)) {
                int available = carried + n;
                int whole = available - available % Float.BYTES;
                add(ByteBuffer.wrap(buffer, 0, whole).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
                encoder.write(buffer, 0, whole);
                // a read may end inside a float: its bytes wait for the rest
                carried = available - whole;
                System.arraycopy(buffer, whole, buffer, 0, carried);
                long seconds = samples / CHANNELS / SAMPLE_RATE;
                if (seconds >= toldSeconds + PROGRESS_EVERY_SECONDS) {
                    toldSeconds = seconds;
                    progress.mixedSeconds(seconds);
                }
            }
            encoder.close();
            if (samplesInCurrent > 0) {
                closeBlock();
            }
            frames = samples / CHANNELS;
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
