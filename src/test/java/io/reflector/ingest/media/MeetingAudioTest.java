package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a generated Daily-like meeting: pad every track by copying its packets (and, for comparison, with
 * the ffmpeg fallback), mix with the production command, and check where the marker bursts land in the decoded
 * outputs (the transcriber's and the player's view).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingAudioTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final double MARKER_TOLERANCE_MS = 1.0;
    private static final double DURATION_TOLERANCE_MS = 20.0;
    private static final double SEARCH_WINDOW_S = 0.5;

    @TempDir
    static Path directory;

    private final FfmpegBinaries binaries = FfmpegBinaries.resolve(null);
    private final ProcessRunner runner = new ProcessRunner();
    private final TestMeetingGenerator generator = new TestMeetingGenerator(binaries, runner);

    private TestMeeting meeting;
    private final List<Path> padded = new ArrayList<>();
    private final List<PadReport> reports = new ArrayList<>();
    private final List<float[]> paddedPcm = new ArrayList<>();
    private final List<float[]> ffmpegPaddedPcm = new ArrayList<>();
    private AudioSummary summary;
    private float[] mixPcm;

    @BeforeAll
    void generatePadAndMix() throws Exception {
        meeting = generator.generate(TestMeetingGenerator.defaultPlan(), directory);
        for (TestMeeting.Track track : meeting.tracks()) {
            Path output = directory.resolve("padded_" + track.index() + ".webm");
            reports.add(new TrackPadder(binaries, runner, TIMEOUT).pad(track.file(), output));
            padded.add(output);
            paddedPcm.add(MarkerLocator.decodeFirstChannel(binaries, runner, output));
            Path ffmpegPadded = directory.resolve("ffmpeg_padded_" + track.index() + ".webm");
            runner.run(PadCommand.build(binaries.ffmpeg(), track.file().toString(), ffmpegPadded), TIMEOUT);
            ffmpegPaddedPcm.add(MarkerLocator.decodeFirstChannel(binaries, runner, ffmpegPadded));
        }
        Path mix = directory.resolve("audio.mp3");
        summary = new Mixer(binaries, runner, TIMEOUT).mix(
                padded.stream().map(file -> new MixCommand.Input(file, true)).toList(), mix, seconds -> { });
        mixPcm = MarkerLocator.decodeFirstChannel(binaries, runner, mix);
    }

    @Test
    void generatedTracksStartAtTheJoinTimeAndReallyMissTheMutedPackets() {
        for (TestMeeting.Track track : meeting.tracks()) {
            List<Integer> pts = TestMeetingGenerator.packetPtsMs(track.file());
            assertThat(pts.get(0)).as("first packet pts of track %d", track.index()).isEqualTo(track.startMs());

            List<int[]> holes = new ArrayList<>();
            for (int i = 1; i < pts.size(); i++) {
                if (pts.get(i) - pts.get(i - 1) > 1.5 * TestMeetingGenerator.PACKET_MS) {
                    holes.add(new int[] {pts.get(i - 1) + TestMeetingGenerator.PACKET_MS, pts.get(i)});
                }
            }
            assertThat(holes).as("packet gaps of track %d", track.index()).hasSameSizeAs(track.gaps());
            for (int g = 0; g < holes.size(); g++) {
                assertThat(holes.get(g)[0]).isCloseTo(track.gaps().get(g).startMs(), within(2));
                assertThat(holes.get(g)[1]).isCloseTo(track.gaps().get(g).endMs(), within(2));
            }

            double naiveMs = MarkerLocator.decodeFirstChannel(binaries, runner, track.file()).length * 1000.0
                    / MarkerLocator.SAMPLE_RATE;
            int wallClockMs = track.endMs() - track.contentT0Ms();
            assertThat(naiveMs).as("naive decode of track %d is shorter by the gaps", track.index())
                    .isCloseTo(wallClockMs - track.gapTotalMs(), within(DURATION_TOLERANCE_MS));
        }
    }

    @Test
    void generatedContentHasTheMarkersWhereThePlanPutsThem() {
        for (TestMeeting.Track track : meeting.tracks()) {
            float[] continuous = MarkerLocator.decodeFirstChannel(binaries, runner,
                    directory.resolve("continuous_" + track.index() + ".webm"));
            for (int markerMs : track.markersMs()) {
                double contentSeconds = (markerMs - track.contentT0Ms()) / 1000.0;
                assertThat(find(continuous, contentSeconds, track).seconds())
                        .isCloseTo(contentSeconds, within(0.0002));
            }
        }
    }

    @Test
    void everyTrackIsPaddedByCopyingPacketsWithItsStartAndGapsFound() {
        for (TestMeeting.Track track : meeting.tracks()) {
            PadReport report = reports.get(track.index());
            assertThat(report.path()).as("track %d", track.index()).isEqualTo(PadReport.Path.PACKET);
            assertThat(report.offsetSeconds()).as("start of track %d", track.index())
                    .isCloseTo(track.contentT0Ms() / 1000.0, within(0.0005));
            assertThat(report.gapsFilled()).as("gaps of track %d", track.index()).isEqualTo(track.gaps().size());
            assertThat(report.silenceMs()).isCloseTo(track.gapTotalMs(), within(1.0));
            assertThat(report.durationMs()).isCloseTo(track.endMs(), within(1.0));
        }
    }

    /**
     * The silent packets decode to zeros, not to concealment: before the join the decoder has heard nothing, so it
     * is exact; in a muted span only the last sound's 2.5 ms CELT overlap (and a SILK to CELT switch's 5 ms
     * cross-fade) rings into it. Both of ffmpeg's Opus decoders, its own and libopus, agree.
     */
    @Test
    void silenceIsDigitalSilenceForBothOpusDecoders() {
        for (String decoder : List.of("opus", "libopus")) {
            for (TestMeeting.Track track : meeting.tracks()) {
                float[] pcm = decode(decoder, padded.get(track.index()));
                int join = (int) ((track.contentT0Ms() - 7) * 48.0);
                for (int i = 0; i < join; i++) {
                    assertThat(pcm[i]).as("%s, track %d, sample %d before the join", decoder, track.index(), i)
                            .isZero();
                }
                for (TestMeeting.Gap gap : track.gaps()) {
                    for (int i = (gap.startMs() + 10) * 48; i < (gap.endMs() - 7) * 48; i++) {
                        assertThat(Math.abs(pcm[i])).as("%s, track %d, sample %d in a gap", decoder, track.index(), i)
                                .isLessThan(1e-4f);
                    }
                }
                assertThat(pcm.length).as("%s decodes track %d to its length", decoder, track.index())
                        .isEqualTo(paddedPcm.get(track.index()).length);
            }
        }
    }

    @Test
    void theFfmpegFallbackAlsoPutsEveryMarkerAtItsMeetingTime() {
        List<Double> errors = new ArrayList<>();
        for (TestMeeting.Track track : meeting.tracks()) {
            errors.addAll(markerErrorsMs(ffmpegPaddedPcm.get(track.index()), track));
        }
        report("ffmpeg-padded tracks", errors);
        assertThat(errors).allSatisfy(error -> assertThat(Math.abs(error)).isLessThanOrEqualTo(MARKER_TOLERANCE_MS));
    }

    @Test
    void paddedTracksHaveEveryMarkerAtItsMeetingTime() {
        List<Double> errors = new ArrayList<>();
        for (TestMeeting.Track track : meeting.tracks()) {
            float[] pcm = paddedPcm.get(track.index());
            errors.addAll(markerErrorsMs(pcm, track));
            assertThat(durationMs(pcm)).as("decoded length of padded track %d", track.index())
                    .isCloseTo(track.endMs(), within(DURATION_TOLERANCE_MS));
        }
        report("padded tracks", errors);
        assertThat(errors).allSatisfy(error -> assertThat(Math.abs(error)).isLessThanOrEqualTo(MARKER_TOLERANCE_MS));
    }

    @Test
    void mixHasEveryMarkerOfEveryTrackAtItsMeetingTime() {
        List<Double> errors = new ArrayList<>();
        for (TestMeeting.Track track : meeting.tracks()) {
            errors.addAll(markerErrorsMs(mixPcm, track));
        }
        report("mix", errors);
        assertThat(errors).allSatisfy(error -> assertThat(Math.abs(error)).isLessThanOrEqualTo(MARKER_TOLERANCE_MS));
        assertThat(durationMs(mixPcm)).isCloseTo(meeting.expectedMixDurationMs(), within(DURATION_TOLERANCE_MS));
    }

    /**
     * normalize=0 sums at unity, so a track's level in the mix does not depend on how many tracks are playing, and
     * amix's dropout_transition never rescales it when one ends. The MP3 encode itself costs a pure tone about 5 %,
     * the same for every marker.
     */
    @Test
    void mixKeepsEveryTrackAtOneLevelWhileOthersJoinAndLeave() {
        List<Double> ratios = new ArrayList<>();
        for (TestMeeting.Track track : meeting.tracks()) {
            for (int markerMs : track.markersMs()) {
                // a mono track keeps its level in its padded file and is upmixed to stereo at -3 dB a channel
                // (ffmpeg's mono-to-stereo matrix), as the system this replaces did in its pad command
                double upmix = track.channels() == 1 ? Math.sqrt(0.5) : 1.0;
                double inTrack = find(paddedPcm.get(track.index()), markerMs / 1000.0, track).amplitude() * upmix;
                ratios.add(find(mixPcm, markerMs / 1000.0, track).amplitude() / inTrack);
            }
        }
        double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
        assertThat(median).isBetween(0.9, 1.02);
        assertThat(ratios).allSatisfy(ratio -> assertThat(ratio).isCloseTo(median, within(0.01)));
    }

    @Test
    void waveformOfTheMixHas255NormalisedValuesAndTheMixLength() {
        assertThat(summary.durationMs()).isCloseTo(meeting.expectedMixDurationMs(), within(DURATION_TOLERANCE_MS));
        assertThat(summary.durationMs()).as("measured while mixing = the MP3's decoded length")
                .isCloseTo(durationMs(mixPcm), within(0.1));
        assertThat(summary.waveform()).hasSize(255).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(Collections.max(summary.waveform())).isEqualTo(1.0);
    }

    @Test
    void waveformOfTheLateJoinerIsSilentBeforeItJoinsAndWhileMuted() {
        TestMeeting.Track late = meeting.tracks().stream().max(Comparator.comparingInt(TestMeeting.Track::startMs))
                .orElseThrow();
        AudioSummary summary = new Mixer(binaries, runner, TIMEOUT).mix(
                List.of(new MixCommand.Input(padded.get(late.index()), true)), directory.resolve("late.mp3"), s -> { });
        double windowMs = summary.durationMs() / WaveformFold.WINDOWS;

        assertThat(summary.durationMs()).isCloseTo(late.endMs(), within(DURATION_TOLERANCE_MS));
        for (int w = 0; w < WaveformFold.WINDOWS; w++) {
            double from = w * windowMs;
            double to = from + windowMs;
            boolean beforeJoin = to < late.contentT0Ms() - 10;
            boolean muted = late.gaps().stream().anyMatch(g -> from > g.startMs() + 10 && to < g.endMs() - 10);
            boolean speaking = from > late.contentT0Ms() + 10
                    && late.gaps().stream().allMatch(g -> to < g.startMs() - 10 || from > g.endMs() + 10);
            if (beforeJoin || muted) {
                assertThat(summary.waveform().get(w)).as("window %d (%.0f-%.0f ms)", w, from, to).isZero();
            } else if (speaking) {
                assertThat(summary.waveform().get(w)).as("window %d (%.0f-%.0f ms)", w, from, to).isPositive();
            }
        }
    }

    private List<Double> markerErrorsMs(float[] pcm, TestMeeting.Track track) {
        return track.markersMs().stream()
                .map(markerMs -> (find(pcm, markerMs / 1000.0, track).seconds() - markerMs / 1000.0) * 1000.0)
                .toList();
    }

    private static MarkerLocator.Marker find(float[] pcm, double expectedSeconds, TestMeeting.Track track) {
        return MarkerLocator.locate(pcm, expectedSeconds, track.markerFreqHz(),
                        TestMeetingGenerator.MARKER_MS / 1000.0, SEARCH_WINDOW_S)
                .orElseThrow(() -> new AssertionError("no " + track.markerFreqHz() + " Hz marker of track "
                        + track.index() + " near " + expectedSeconds + " s"));
    }

    private float[] decode(String decoder, Path file) {
        return runner.run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-c:a", decoder,
                "-i", file.toString(), "-map", "0:a:0", "-ac", "1", "-f", "f32le", "-"), TIMEOUT, stdout -> {
                    java.nio.FloatBuffer floats = java.nio.ByteBuffer.wrap(stdout.readAllBytes())
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                    float[] pcm = new float[floats.remaining()];
                    floats.get(pcm);
                    return pcm;
                });
    }

    private static double durationMs(float[] pcm) {
        return pcm.length * 1000.0 / MarkerLocator.SAMPLE_RATE;
    }

    /** Printed so a run shows the measured spread, not only pass/fail. */
    private static void report(String what, List<Double> errors) {
        List<Double> sorted = errors.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%s: %d markers, error min %+.3f / median %+.3f / max %+.3f ms%n", what,
                sorted.size(), sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }
}
