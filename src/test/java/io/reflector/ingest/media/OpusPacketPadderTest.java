package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.reflector.ingest.media.webm.OpusFrame;
import io.reflector.ingest.media.webm.OpusTrack;
import io.reflector.ingest.media.webm.UnsupportedWebmException;
import io.reflector.ingest.media.webm.WebmOpusReader;
import io.reflector.ingest.media.webm.WebmOpusWriter;

/**
 * The packet padder on generated tracks: a continuous signal is encoded once per channel count and frame size with
 * the app's ffmpeg and libopus, then its packets are placed with the app's writer at chosen timestamps (a late
 * join, jumps, holes, overlaps, a start before the meeting), as Daily writes them. The padded output is decoded by
 * ffmpeg and compared with the decoded source: its exact length, and where the source's audio lands, found by
 * cross-correlation to the sample and by the tone bursts' onsets. Every placement is on whole ms, as WebM
 * timestamps are, so the expected position of every sample is exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpusPacketPadderTest {

    private static final int RATE = 48_000;
    private static final int MS = RATE / 1000;
    private static final int CONTENT_MS = 2_400;
    private static final int[] TONES_MS = {300, 1_100, 1_900};
    private static final int TONE_MS = 50;
    private static final int TONE_HZ = 1_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** Far enough from a jump that the decoder has forgotten the silence it decoded there (CELT overlap, SILK LPC). */
    private static final int SETTLED_MS = 30;

    @TempDir
    Path directory;

    private final FfmpegBinaries binaries = FfmpegBinaries.resolve(null);
    private final ProcessRunner runner = new ProcessRunner();
    private final Map<String, Source> sources = new HashMap<>();

    private static final List<String> DECODERS = List.of("opus", "libopus");

    /**
     * An encoded continuous signal: its packets, and what each of ffmpeg's Opus decoders decodes it to (channel 0;
     * the two are not bit-exact, so each padded decode is compared with the same decoder's).
     */
    private record Source(Path file, OpusTrack track, List<OpusFrame> frames, int frameSamples,
                          Map<String, float[]> decoded) {
        float[] pcm() {
            return decoded.get("opus");
        }

        /** Where packet k's first decoded sample is, in the source stream (pre-skip included). */
        long streamStart(int k) {
            long position = 0;
            for (int i = 0; i < k; i++) {
                position += frames.get(i).playedSamples();
            }
            return position;
        }
    }

    /** From packet {@code atPacket} on, every packet is {@code shiftMs} later (negative: it overlaps the one before). */
    private record Jump(int atPacket, int shiftMs) {
    }

    /**
     * A Daily-like track: the source's packets, the first block at {@code firstBlockMs} (its first content sample
     * plays there, the pre-skip before it), jumps, and packets left out.
     */
    private record Placement(int firstBlockMs, List<Jump> jumps, Set<Integer> dropped) {
        static Placement at(int firstBlockMs) {
            return new Placement(firstBlockMs, List.of(), Set.of());
        }
    }

    @ParameterizedTest(name = "first packet at {0} ms")
    @ValueSource(ints = {0, 7, 13, 20, 8_130})
    void aLateJoinIsPlacedToTheSample(int firstBlockMs) {
        check(source(2, 20), Placement.at(firstBlockMs));
    }

    @ParameterizedTest(name = "first packet {0} ms before the meeting")
    @ValueSource(ints = {-1, -30, -1_000})
    void aStartBeforeTheMeetingIsCutByThePreSkip(int firstBlockMs) {
        check(source(1, 20), Placement.at(firstBlockMs));
    }

    @ParameterizedTest(name = "a jump of {0} ms")
    @ValueSource(ints = {20, 40, 37, 1, 61, 1_000})
    void aJumpIsFilledWithExactlyItsLengthOfSilence(int shiftMs) {
        check(source(1, 20), new Placement(13, List.of(new Jump(40, shiftMs)), Set.of()));
    }

    @Test
    void aSixtyMsHoleIsSilenceAndTheAudioAfterItStaysInPlace() {
        check(source(2, 20), new Placement(20, List.of(), Set.of(40, 41, 42)));
    }

    @ParameterizedTest(name = "an overlap of {0} ms")
    @ValueSource(ints = {-5, -1, -19})
    void anOverlapIsCutFromTheEndOfTheEarlierPacket(int shiftMs) {
        check(source(2, 20), new Placement(13, List.of(new Jump(40, shiftMs)), Set.of()));
    }

    /** Everything at once, for both channel counts and the frame sizes Daily's browsers use and libopus' extremes. */
    @ParameterizedTest(name = "{0} channel(s), {1} ms frames")
    @CsvSource({"1, 10", "2, 10", "1, 20", "2, 20", "1, 60", "2, 60"})
    void jumpsHolesAndALateJoinForEveryFrameSize(int channels, int frameMs) {
        Source source = source(channels, frameMs);
        int perSecond = 1000 / frameMs;
        int holeStart = perSecond * 3 / 2;
        check(source, new Placement(13,
                List.of(new Jump(perSecond / 2, 37), new Jump(perSecond, 1), new Jump(perSecond * 2, 61)),
                Set.copyOf(java.util.stream.IntStream.range(holeStart, holeStart + 60 / frameMs).boxed().toList())));
    }

    @Test
    void theReportSaysWhereTheAudioStartsAndWhatWasFilled() throws IOException {
        Source source = source(2, 20);
        Path track = place(source, new Placement(8_130, List.of(new Jump(40, 37), new Jump(80, 61)), Set.of()));
        PadReport report = OpusPacketPadder.pad(track, directory.resolve("report.webm"));

        assertThat(report.path()).isEqualTo(PadReport.Path.PACKET);
        assertThat(report.offsetSeconds()).isCloseTo(8.130, within(1e-9));
        assertThat(report.gapsFilled()).isEqualTo(2);
        assertThat(report.silenceMs()).isCloseTo(98.0, within(1e-9));
        assertThat(report.durationMs()).isCloseTo(8_130 + CONTENT_MS + 98.0, within(1e-9));
        assertThat(report.fallbackReason()).isNull();
    }

    @Test
    void aStartTooFarBeforeTheMeetingForAPreSkipIsLeftToFfmpeg() throws IOException {
        Source source = source(1, 20);
        Path track = place(source, Placement.at(-1_400));

        assertThatThrownBy(() -> OpusPacketPadder.pad(track, directory.resolve("early.webm")))
                .isInstanceOf(UnsupportedWebmException.class)
                .hasMessageContaining(track.getFileName().toString()).hasMessageContaining("before the meeting");
        PadReport report = new TrackPadder(binaries, runner, TIMEOUT).pad(track, directory.resolve("early.webm"));
        assertThat(report.path()).isEqualTo(PadReport.Path.FFMPEG);
        assertThat(report.fallbackReason()).contains("before the meeting");
    }

    /** The source as ffmpeg encodes it: what every placement starts from. */
    @Test
    void ffmpegsEncodeHasTheUsualPreSkipAndItsFrameSizes() {
        for (int frameMs : new int[] {10, 20, 60}) {
            Source source = source(2, frameMs);
            assertThat(source.track().preSkip()).isEqualTo(312);
            assertThat(source.track().codecDelayNs()).isEqualTo(6_500_000);
            assertThat(source.frames()).allSatisfy(f -> assertThat(f.samples()).isEqualTo(frameMs * MS));
            assertThat(source.pcm()).hasSize(CONTENT_MS * MS);
        }
    }

    private void check(Source source, Placement placement) {
        Path track = place(source, placement);
        Path padded = directory.resolve("padded-" + track.getFileName() + ".webm");
        PadReport report;
        try {
            report = OpusPacketPadder.pad(track, padded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(report.path()).isEqualTo(PadReport.Path.PACKET);

        long base = (long) placement.firstBlockMs() * MS;
        long totalShift = placement.jumps().stream().mapToLong(j -> (long) j.shiftMs() * MS).sum();
        long expectedLength = base + source.pcm().length + totalShift;
        assertThat(report.durationMs()).isCloseTo(expectedLength / (double) MS, within(1e-9));
        for (String decoder : DECODERS) {
            float[] pcm = decode(padded, source.track().channels(), decoder);
            assertThat(source.decoded().get(decoder)).as("%s: decoded source samples", decoder)
                    .hasSize(source.pcm().length);
            assertThat(pcm.length).as("%s: decoded samples", decoder).isEqualTo(expectedLength);
            checkLeadingSilence(pcm, source, base, decoder);
            checkPlacement(pcm, source, placement, decoder);
            checkGapSilence(pcm, source, placement, decoder);
        }
    }

    /** Before the participant's first packet (its pre-skip included), the silent frames decode to zeros. */
    private static void checkLeadingSilence(float[] pcm, Source source, long base, String decoder) {
        long firstDecoded = base - source.track().preSkip();
        for (int i = 0; i < firstDecoded; i++) {
            if (pcm[i] != 0f) {
                throw new AssertionError(decoder + ": sample " + i + " before the join is " + pcm[i]);
            }
        }
    }

    /**
     * Every stretch of source audio lands where the placement says, to the sample: the best cross-correlation lag
     * between the padded and the source decode is 0 (windows clear of the jumps, where the decoder state differs),
     * and each tone's onset is within a sample of where the source decode has it, shifted.
     */
    private static void checkPlacement(float[] pcm, Source source, Placement placement, String decoder) {
        int preSkip = source.track().preSkip();
        List<long[]> windows = new ArrayList<>(); // content sample from, to
        List<Long> boundaries = new ArrayList<>();
        for (Jump jump : placement.jumps()) {
            boundaries.add(source.streamStart(jump.atPacket()) - preSkip);
        }
        for (int dropped : placement.dropped()) {
            boundaries.add(source.streamStart(dropped) - preSkip);
            boundaries.add(source.streamStart(dropped + 1) - preSkip);
        }
        boundaries.add((long) source.pcm().length);
        long from = Math.max(0, -(long) placement.firstBlockMs() * MS) + SETTLED_MS * MS;
        for (long boundary : boundaries.stream().sorted().toList()) {
            if (boundary - from >= 60 * MS) {
                windows.add(new long[] {from, boundary - 5 * MS});
            }
            from = Math.max(from, boundary + SETTLED_MS * MS);
        }
        assertThat(windows).as("windows to compare").isNotEmpty();
        for (long[] window : windows) {
            long at = meetingSample(window[0], source, placement);
            int lag = bestLag(pcm, at, source.decoded().get(decoder), window[0], (int) Math.min(window[1] - window[0], 200 * MS));
            assertThat(lag).as("%s: lag of content %d..%d placed at %d", decoder, window[0], window[1], at)
                    .isZero();
        }
        for (int toneMs : TONES_MS) {
            long content = (long) toneMs * MS;
            boolean clear = windows.stream().anyMatch(w -> content - 20 * MS >= w[0]
                    && content + (TONE_MS + 20) * MS <= w[1]);
            if (!clear) {
                continue;
            }
            double inSource = onset(source.decoded().get(decoder), content);
            double expected = inSource + meetingSample((long) toneMs * MS, source, placement) - content;
            assertThat(onset(pcm, expected)).as("%s: onset of the tone at content %d ms", decoder, toneMs)
                    .isCloseTo(expected, within(1.0));
        }
    }

    /** In a jump or a hole longer than the decoder's ring-out, the output is silent (below -80 dBFS). */
    private static void checkGapSilence(float[] pcm, Source source, Placement placement, String decoder) {
        int preSkip = source.track().preSkip();
        List<long[]> gaps = new ArrayList<>(); // meeting sample from, to
        for (Jump jump : placement.jumps()) {
            long end = meetingSample(source.streamStart(jump.atPacket()) - preSkip, source, placement);
            gaps.add(new long[] {end - (long) jump.shiftMs() * MS, end});
        }
        for (int dropped : placement.dropped()) {
            gaps.add(new long[] {meetingSample(source.streamStart(dropped) - preSkip, source, placement),
                    meetingSample(source.streamStart(dropped + 1) - preSkip, source, placement)});
        }
        for (long[] gap : gaps) {
            for (long i = gap[0] + 10 * MS; i < gap[1] - 7 * MS; i++) {
                if (Math.abs(pcm[(int) i]) >= 1e-4f) {
                    throw new AssertionError(decoder + ": sample " + i + " in a gap is " + pcm[(int) i]);
                }
            }
        }
    }

    /** Where source content sample {@code content} should play on the meeting clock. */
    private static long meetingSample(long content, Source source, Placement placement) {
        long streamPosition = content + source.track().preSkip();
        long shift = placement.jumps().stream().filter(j -> streamPosition >= source.streamStart(j.atPacket()))
                .mapToLong(j -> (long) j.shiftMs() * MS).sum();
        return (long) placement.firstBlockMs() * MS + content + shift;
    }

    /** The lag (within +-2 ms) at which {@code x} from {@code at} best matches the reference from {@code refFrom}. */
    private static int bestLag(float[] x, long at, float[] reference, long refFrom, int length) {
        int best = Integer.MIN_VALUE;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = -2 * MS; lag <= 2 * MS; lag++) {
            double dot = 0;
            double energy = 0;
            for (int n = 0; n < length; n++) {
                float value = x[(int) (at + lag + n)];
                dot += value * reference[(int) (refFrom + n)];
                energy += value * value;
            }
            double score = energy == 0 ? 0 : dot / Math.sqrt(energy);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    private static double onset(float[] pcm, double expectedSample) {
        return MarkerLocator.locate(pcm, expectedSample / RATE, TONE_HZ, TONE_MS / 1000.0, 0.01)
                .orElseThrow(() -> new AssertionError("no tone near sample " + expectedSample)).seconds() * RATE;
    }

    private Path place(Source source, Placement placement) {
        String name = String.format(Locale.ROOT, "track-%dch-%dms-at%d-%s-%s", source.track().channels(),
                source.frameSamples() / MS, placement.firstBlockMs(),
                placement.jumps().stream().map(j -> j.atPacket() + "+" + j.shiftMs()).toList(),
                placement.dropped().stream().sorted().toList()).replaceAll("[\\[\\], ]", "");
        Path track = directory.resolve(name);
        try (WebmOpusWriter writer = WebmOpusWriter.create(track, source.track(), source.track().preSkip())) {
            long position = (long) placement.firstBlockMs() * MS;
            for (int k = 0; k < source.frames().size(); k++) {
                OpusFrame frame = source.frames().get(k);
                if (!placement.dropped().contains(k)) {
                    int packet = k;
                    long shift = placement.jumps().stream().filter(j -> packet >= j.atPacket())
                            .mapToLong(j -> (long) j.shiftMs() * MS).sum();
                    writer.write(position + shift, frame.packet(), frame.samples(), frame.discardSamples());
                }
                position += frame.playedSamples();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return track;
    }

    private Source source(int channels, int frameMs) {
        return sources.computeIfAbsent(channels + "x" + frameMs, key -> encode(channels, frameMs));
    }

    /** Pink noise (for the correlation) and tone bursts, encoded as Daily's browsers do (libopus, VoIP, 32k). */
    private Source encode(int channels, int frameMs) {
        Path file = directory.resolve("source-" + channels + "ch-" + frameMs + "ms.webm");
        String seconds = String.format(Locale.ROOT, "%.3f", CONTENT_MS / 1000.0);
        String tones = java.util.Arrays.stream(TONES_MS).mapToObj(t -> String.format(Locale.ROOT,
                "between(t,%.6f,%.6f)", t / 1000.0, (t + TONE_MS) / 1000.0 - 1.0 / 96_000))
                .reduce((a, b) -> a + "+" + b).orElseThrow();
        runner.run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "aevalsrc=exprs='0.5*sin(2*PI*" + TONE_HZ + "*t)*(" + tones + ")':s=48000:d="
                        + seconds,
                "-f", "lavfi", "-i", "anoisesrc=c=pink:r=48000:a=0.1:d=" + seconds + ":seed=7",
                "-filter_complex", "[0:a][1:a]amix=inputs=2:normalize=0:duration=first,aformat=sample_fmts=flt:"
                        + "channel_layouts=" + (channels == 2 ? "stereo" : "mono") + "[out]",
                "-map", "[out]", "-c:a", "libopus", "-b:a", "32k", "-application", "voip",
                "-frame_duration", String.valueOf(frameMs), "-ac", String.valueOf(channels), "-f", "webm",
                file.toString()), TIMEOUT);
        List<OpusFrame> frames = new ArrayList<>();
        OpusTrack track;
        try (WebmOpusReader reader = WebmOpusReader.open(file)) {
            track = reader.track();
            for (OpusFrame frame = reader.next(); frame != null; frame = reader.next()) {
                frames.add(frame);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, float[]> decoded = new HashMap<>();
        for (String decoder : DECODERS) {
            decoded.put(decoder, decode(file, channels, decoder));
        }
        return new Source(file, track, List.copyOf(frames), frameMs * MS, Map.copyOf(decoded));
    }

    /** Channel 0 of the file as ffmpeg decodes it, every sample, no filter. */
    private float[] decode(Path file, int channels, String decoder) {
        return runner.run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-c:a", decoder,
                "-i", file.toString(), "-map", "0:a:0", "-f", "f32le", "-"), TIMEOUT, stdout -> {
                    FloatBuffer floats = ByteBuffer.wrap(stdout.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN)
                            .asFloatBuffer();
                    float[] first = new float[floats.remaining() / channels];
                    for (int i = 0; i < first.length; i++) {
                        first[i] = floats.get(i * channels);
                    }
                    return first;
                });
    }
}
