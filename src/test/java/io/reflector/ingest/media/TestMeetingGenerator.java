package io.reflector.ingest.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.reflector.ingest.media.webm.OpusFrame;
import io.reflector.ingest.media.webm.OpusTrack;
import io.reflector.ingest.media.webm.WebmOpusReader;
import io.reflector.ingest.media.webm.WebmOpusWriter;

/**
 * Writes Daily-like raw-tracks recordings with the technique of /work/shared/fixtures/make-fixtures.sh, with a
 * modulated tone instead of espeak speech:
 * <ol>
 * <li>encode continuous content from content time 0 with the app's ffmpeg and libopus (20 ms frames, 48 kHz) into
 * WebM: low pink noise, a quiet tone standing in for speech, and 50 ms marker bursts at known meeting times;</li>
 * <li>copy its packets with the app's own WebM reader and writer, leaving out the muted ones (they are really
 * absent) and placing the first (its pre-skip samples included) on the join time, as Daily's files have it.</li>
 * </ol>
 */
public final class TestMeetingGenerator {

    static final int PACKET_MS = 20;
    /** libopus' 312-sample pre-skip as ffmpeg presents it in WebM's 1 ms timebase (6.5 ms rounded up). */
    static final int PRESKIP_MS = 7;
    public static final int MARKER_MS = 50;
    private static final double MARKER_AMPLITUDE = 0.5;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** What one participant does; times in meeting ms. */
    public record TrackPlan(int startMs, int leaveMs, int channels, List<Mute> mutes, List<Integer> markersMs) {
    }

    /** No packets from about startMs for lengthMs (snapped to the track's packet grid). */
    public record Mute(int startMs, int lengthMs) {
    }

    private final FfmpegBinaries binaries;
    private final ProcessRunner runner;

    public TestMeetingGenerator(FfmpegBinaries binaries, ProcessRunner runner) {
        this.binaries = binaries;
        this.runner = runner;
    }

    /**
     * 24 s, 3 participants: one there from 0 (stereo), one joining at 229 ms (mono, leaves 2.5 s early), one late
     * joiner at 6.13 s (stereo). Each has a long mute and one has a 40 ms, one a 20 ms packet loss, the kind of gap
     * aresample leaves unfilled at its default threshold. Markers follow every gap; markers of different tracks
     * are at least 0.5 s apart so the mix can be checked per track.
     */
    public static List<TrackPlan> defaultPlan() {
        return List.of(
                new TrackPlan(0, 24_000, 2, List.of(new Mute(6_000, 2_000), new Mute(12_500, 40)),
                        List.of(3_000, 9_500, 14_500, 21_000)),
                new TrackPlan(229, 21_500, 1, List.of(new Mute(10_000, 1_500)),
                        List.of(2_000, 5_000, 13_000, 19_500)),
                new TrackPlan(6_130, 24_000, 2, List.of(new Mute(11_000, 1_000), new Mute(16_500, 20)),
                        List.of(7_600, 15_600, 18_000, 22_500)));
    }

    /** Each participant's markers have their own frequency, so a marker found in any audio tells whose it is. */
    public static int markerFrequencyHz(int trackIndex) {
        return 600 + 300 * trackIndex;
    }

    public TestMeeting generate(List<TrackPlan> plans, Path directory) {
        List<TestMeeting.Track> tracks = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            tracks.add(generateTrack(i, plans.get(i), directory));
        }
        return new TestMeeting(List.copyOf(tracks));
    }

    private TestMeeting.Track generateTrack(int index, TrackPlan plan, Path directory) {
        int start = plan.startMs();
        int contentT0 = start + PRESKIP_MS;
        int contentMs = (plan.leaveMs() - contentT0) / PACKET_MS * PACKET_MS;
        int end = contentT0 + contentMs;
        int freq = markerFrequencyHz(index);
        List<TestMeeting.Gap> gaps = plan.mutes().stream().map(mute -> gapOnPacketGrid(start, mute)).toList();
        for (int marker : plan.markersMs()) {
            checkMarkerIsAudible(index, marker, contentT0, end, gaps);
        }

        Path continuous = directory.resolve("continuous_" + index + ".webm");
        encodeContinuous(index, plan, contentT0, contentMs, freq, continuous);
        // Daily-like name: {recording start}-{participant}-cam-audio-{track start}, no extension.
        Path track = directory.resolve("1763152299562-participant-" + index + "-cam-audio-" + (1763152299562L + start));
        copyPackets(continuous, track, contentT0, gaps);
        return new TestMeeting.Track(index, track, plan.channels(), start, contentT0, end, gaps,
                List.copyOf(plan.markersMs()), freq);
    }

    /**
     * The continuous track's packets, but those of the gaps, with the first decoded sample of content at
     * {@code contentT0} ms: the stream keeps its pre-skip (and CodecDelay), so its first block is at contentT0.
     */
    private static void copyPackets(Path continuous, Path track, int contentT0, List<TestMeeting.Gap> gaps) {
        try (WebmOpusReader reader = WebmOpusReader.open(continuous)) {
            OpusTrack opus = reader.track();
            try (WebmOpusWriter writer = WebmOpusWriter.create(track, opus, opus.preSkip())) {
                long position = contentT0 * 48L;
                int packet = 0;
                for (OpusFrame frame = reader.next(); frame != null; frame = reader.next(), packet++) {
                    int n = packet;
                    if (gaps.stream().noneMatch(g -> n >= g.firstDroppedPacket() && n <= g.lastDroppedPacket())) {
                        writer.write(position, frame.packet(), frame.samples(), frame.discardSamples());
                    }
                    position += frame.playedSamples();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packet k (k >= 0) starts at about start + 20 k; a gap drops whole packets. */
    private static TestMeeting.Gap gapOnPacketGrid(int start, Mute mute) {
        int first = Math.floorDiv(mute.startMs() - start + PACKET_MS - 1, PACKET_MS);
        int last = first + mute.lengthMs() / PACKET_MS - 1;
        return new TestMeeting.Gap(start + PACKET_MS * first, start + PACKET_MS * (last + 1), first, last);
    }

    private static void checkMarkerIsAudible(int index, int marker, int contentT0, int end, List<TestMeeting.Gap> gaps) {
        boolean inside = marker >= contentT0 + 500 && marker + MARKER_MS <= end - 500;
        boolean clearOfGaps = gaps.stream().allMatch(g -> marker + MARKER_MS < g.startMs() - 500 || marker > g.endMs() + 500);
        if (!inside || !clearOfGaps) {
            throw new IllegalArgumentException("track " + index + ": marker at " + marker + " ms is outside the audio");
        }
    }

    private void encodeContinuous(int index, TrackPlan plan, int contentT0, int contentMs, int freq, Path output) {
        String seconds = seconds(contentMs);
        String markers = plan.markersMs().stream()
                .map(t -> String.format(Locale.ROOT, "between(t,%.6f,%.6f)", (t - contentT0) / 1000.0,
                        (t - contentT0 + MARKER_MS) / 1000.0 - 1.0 / 96_000))
                .collect(Collectors.joining("+"));
        // The "speech" tone sits well below every marker frequency, so it does not disturb the matched filter.
        String expression = String.format(Locale.ROOT,
                "%.2f*sin(2*PI*%d*t)*(%s)+0.05*sin(2*PI*%d*t)*(0.6+0.4*sin(2*PI*2.5*t))",
                MARKER_AMPLITUDE, freq, markers, 170 + 30 * index);
        String layout = plan.channels() == 2 ? "stereo" : "mono";
        runner.run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "aevalsrc=exprs='" + expression + "':s=48000:d=" + seconds,
                "-f", "lavfi", "-i", "anoisesrc=c=pink:r=48000:a=0.003:d=" + seconds + ":seed=" + (100 + index),
                "-filter_complex", "[0:a][1:a]amix=inputs=2:normalize=0:duration=first,"
                        + "aformat=sample_fmts=flt:channel_layouts=" + layout + "[out]",
                "-map", "[out]", "-c:a", "libopus", "-b:a", "32k", "-application", "voip", "-frame_duration", "20",
                "-ac", String.valueOf(plan.channels()), "-f", "webm", output.toString()), TIMEOUT);
    }

    /** Packet timestamps of the first audio stream in ms, as ffmpeg reports them (block timestamp - CodecDelay). */
    static List<Integer> packetPtsMs(Path file) {
        List<Integer> pts = new ArrayList<>();
        try (WebmOpusReader reader = WebmOpusReader.open(file)) {
            long codecDelay = reader.track().codecDelayNs();
            for (OpusFrame frame = reader.next(); frame != null; frame = reader.next()) {
                pts.add((int) Math.floorDiv(frame.timestampNs() - codecDelay, 1_000_000L));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pts;
    }

    private static String seconds(int ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}
