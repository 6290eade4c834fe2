package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

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
    static Path directory;

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
    @ValueSource(ints = {20, 40, 37, 2, 61, 1_000})
    void aJumpIsFilledWithExactlyItsLengthOfSilence(int shiftMs) {
        check(source(1, 20), new Placement(13, List.of(new Jump(40, shiftMs)), Set.of()));
    }

    /**
     * A timestamp 1 ms off is what two roundings to the ms make of a continuous stream: the audio goes on without a
     * gap (and stays within 1 ms of its timestamps); a second 1 ms jump the same way is then a gap of 1 ms, filled
     * (the audio stays 1 ms from its timestamps, never more); a jump after a tolerated one fills only itself.
     */
    @ParameterizedTest(name = "jumps of {0} and {1} ms")
    @CsvSource({"1, 0", "-1, 0", "1, 1", "1, -1", "-1, -1", "1, 37", "-1, 20", "1, -5"})
    void aJumpOfOneMsIsRoundingUntilTheDeviationAddsUp(int firstMs, int secondMs) {
        List<Jump> jumps = secondMs == 0 ? List.of(new Jump(40, firstMs))
                : List.of(new Jump(40, firstMs), new Jump(80, secondMs));
        check(source(2, 20), new Placement(13, jumps, Set.of()));
    }

    /**
     * As ffmpeg muxes a track that Daily-like remuxing then cuts: the first packet on time, every later one 1 ms late,
     * and a muted span; the span is filled with its own length, the audio after it is where it was before.
     */
    @Test
    void aMutedSpanInAnFfmpegMuxedTrackDoesNotCatchUpItsRounding() {
        check(source(1, 20), new Placement(20, List.of(new Jump(1, 1), new Jump(60, 100)), Set.of()));
    }

    /** ffmpeg's own WebM (first block at 0 ms, the second at 21) is one continuous stream: the same audio, padded. */
    @Test
    void ffmpegsOwnWebmHasNoGap() throws IOException {
        Source source = source(2, 20);
        assertThat(source.frames().get(1).timestampNs() - source.frames().get(0).timestampNs())
                .as("ffmpeg's rounding").isEqualTo(21_000_000);
        Path padded = directory.resolve("padded-ffmpeg-own.webm");
        PadReport report = OpusPacketPadder.pad(source.file(), padded);

        assertThat(report.gapsFilled()).isZero();
        for (String decoder : DECODERS) {
            assertThat(decode(padded, 2, decoder)).as(decoder).isEqualTo(source.decoded().get(decoder));
        }
    }

    @Test
    void aSixtyMsHoleIsSilenceAndTheAudioAfterItStaysInPlace() {
        check(source(2, 20), new Placement(20, List.of(), Set.of(40, 41, 42)));
    }

    @ParameterizedTest(name = "an overlap of {0} ms")
    @ValueSource(ints = {-5, -2, -19})
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
                List.of(new Jump(perSecond / 2, 37), new Jump(perSecond, 2), new Jump(perSecond * 2, 61)),
                Set.copyOf(IntStream.range(holeStart, holeStart + 60 / frameMs).boxed().toList())));
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

    @Test
    void aTruncatedTrackIsRefusedAndPaddedByFfmpeg() throws IOException {
        Path whole = place(source(2, 20), Placement.at(13));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = directory.resolve("cut-track");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));

        assertThatThrownBy(() -> OpusPacketPadder.pad(cut, directory.resolve("cut-packet.webm")))
                .isInstanceOf(UnsupportedWebmException.class).hasMessageStartingWith("cut-track: cut short at byte");
        Path padded = directory.resolve("cut-ffmpeg.webm");
        PadReport report = new TrackPadder(binaries, runner, TIMEOUT).pad(cut, padded);
        assertThat(report.path()).isEqualTo(PadReport.Path.FFMPEG);
        assertThat(report.fallbackReason()).startsWith("cut-track: cut short at byte");
        assertThat(decode(padded, 2, "opus").length).as("what is left of the track, from meeting time 0")
                .isBetween(13 * MS + CONTENT_MS * MS / 3, 13 * MS + CONTENT_MS * MS);
    }

    @Test
    void aVorbisTrackIsRefusedAndPaddedByFfmpeg() throws IOException {
        Path vorbis = directory.resolve("vorbis-track");
        runner.run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "sine=f=440:r=48000:d=1", "-c:a", "libvorbis", "-f", "webm", vorbis.toString()), TIMEOUT);

        assertThatThrownBy(() -> OpusPacketPadder.pad(vorbis, directory.resolve("vorbis-packet.webm")))
                .isInstanceOf(UnsupportedWebmException.class)
                .hasMessage("vorbis-track: the audio track is A_VORBIS, not Opus");
        Path padded = directory.resolve("vorbis-ffmpeg.webm");
        PadReport report = new TrackPadder(binaries, runner, TIMEOUT).pad(vorbis, padded);
        assertThat(report.path()).isEqualTo(PadReport.Path.FFMPEG);
        assertThat(report.fallbackReason()).isEqualTo("vorbis-track: the audio track is A_VORBIS, not Opus");
        // libvorbis' start-up is not signalled in WebM: ffmpeg decodes it as 17.7 ms more audio
        assertThat(decode(padded, 2, "opus").length).isCloseTo(RATE, within(20 * MS));
        assertThat(report.durationMs()).isCloseTo(1_000, within(20.0));
    }

    @Test
    void aFileThatIsNotWebmIsRefusedAndPaddedByFfmpeg() throws IOException {
        Path wav = directory.resolve("recording.wav");
        runner.run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "sine=f=440:r=48000:d=1", wav.toString()), TIMEOUT);

        assertThatThrownBy(() -> OpusPacketPadder.pad(wav, directory.resolve("wav-packet.webm")))
                .isInstanceOf(UnsupportedWebmException.class).hasMessage("recording.wav: not an EBML file");
        Path padded = directory.resolve("wav-ffmpeg.webm");
        PadReport report = new TrackPadder(binaries, runner, TIMEOUT).pad(wav, padded);
        assertThat(report.path()).isEqualTo(PadReport.Path.FFMPEG);
        assertThat(decode(padded, 2, "opus")).hasSize(RATE);
    }

    @Test
    void garbageFailsWithTheFileAndBothReasons() throws IOException {
        Path garbage = directory.resolve("garbage-track");
        byte[] noise = new byte[64 * 1024];
        new Random(5).nextBytes(noise);
        noise[0] = 0x55; // not the EBML magic, nor any container ffmpeg knows
        Files.write(garbage, noise);

        assertThatThrownBy(() -> new TrackPadder(binaries, runner, TIMEOUT).pad(garbage,
                directory.resolve("garbage.webm")))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageStartingWith("garbage-track cannot be padded: not by copying packets (garbage-track: "
                        + "not an EBML file), nor by ffmpeg: ")
                .hasMessageContaining("Invalid data");
    }

    /**
     * Constant memory: a 6-hour track (one packet repeated, a muted minute in every hour) is padded in a JVM whose
     * heap holds far less than the track's packets, and the padded track has every packet and gap.
     */
    @Test
    void aSixHourTrackIsPaddedInASmallHeap() throws Exception {
        Source source = source(1, 20);
        OpusFrame packet = source.frames().get(50);
        int perHour = 3_600 * 50;
        Path track = directory.resolve("six-hours");
        long packets = 0;
        try (WebmOpusWriter writer = WebmOpusWriter.create(track, source.track(), source.track().preSkip())) {
            for (long k = 0; k < 6L * perHour; k++) {
                long inHour = k % perHour;
                if (inHour < 30 * 60 * 50 || inHour >= 31 * 60 * 50) {
                    writer.write(13 * MS + k * 960, packet.packet(), 960, 0);
                    packets++;
                }
            }
        }
        long sourceBytes = Files.size(track);
        assertThat(sourceBytes).as("far more than the child's heap").isGreaterThan(40L << 20);
        Path padded = directory.resolve("six-hours-padded.webm");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-Xmx16m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), PadInProcess.class.getName(), track.toString(),
                padded.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(output).isZero();

        long read = 0;
        long silentPackets = 0;
        long samples = 0;
        try (WebmOpusReader reader = WebmOpusReader.open(padded)) {
            for (OpusFrame frame = reader.next(); frame != null; frame = reader.next()) {
                if (Arrays.equals(frame.packet(), packet.packet())) {
                    read++;
                } else {
                    silentPackets++;
                }
                samples += frame.playedSamples();
            }
            samples -= reader.track().preSkip();
        }
        assertThat(read).isEqualTo(packets);
        assertThat(silentPackets).as("20 ms before the first, then 6 muted minutes in 120 ms packets")
                .isEqualTo(1 + 6 * 500);
        assertThat(samples).as("from the first packet's first sample at 6.5 ms").isEqualTo(312 + 6L * 3_600 * RATE);
        assertThat(output).contains("gaps=6");
    }

    /** The padder on its own in a JVM of its own, for the heap limit. */
    public static final class PadInProcess {
        public static void main(String[] args) throws IOException {
            PadReport report = OpusPacketPadder.pad(Path.of(args[0]), Path.of(args[1]));
            System.out.println("gaps=" + report.gapsFilled() + " duration=" + report.durationMs());
        }
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
        long totalShift = audioShift(source, placement, Long.MAX_VALUE);
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
            long at = source.streamStart(jump.atPacket());
            long end = meetingSample(at - preSkip, source, placement);
            gaps.add(new long[] {end - (audioShift(source, placement, at) - audioShift(source, placement, at - 1)),
                    end});
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
        return (long) placement.firstBlockMs() * MS + content
                + audioShift(source, placement, content + source.track().preSkip());
    }

    /**
     * How much later than in the source the audio at {@code streamPosition} plays: the jumps before it, but a
     * deviation of the timestamps from the audio of at most 1 ms is rounding, and left alone; a larger jump is
     * filled with what the timestamps moved, the rounding tolerated before it kept.
     */
    private static long audioShift(Source source, Placement placement, long streamPosition) {
        long timestamps = 0;
        long audio = 0;
        long tolerated = 0;
        for (Jump jump : placement.jumps()) {
            if (streamPosition >= source.streamStart(jump.atPacket())) {
                timestamps += (long) jump.shiftMs() * MS;
                if (Math.abs(timestamps - audio) > MS) {
                    audio = timestamps - tolerated;
                } else {
                    tolerated = timestamps - audio;
                }
            }
        }
        return audio;
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
        String tones = Arrays.stream(TONES_MS).mapToObj(t -> String.format(Locale.ROOT,
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
