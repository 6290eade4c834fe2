package io.reflector.ingest.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes Daily-like raw-tracks recordings with the technique of /work/shared/fixtures/make-fixtures.sh, using the
 * bundled ffmpeg and a modulated tone instead of espeak speech:
 * <ol>
 * <li>encode continuous content from content time 0 with libopus (20 ms frames, 48 kHz) into WebM: low pink noise,
 * a quiet tone standing in for speech, and 50 ms marker bursts at known meeting times;</li>
 * <li>remux with stream copy through {@code noise=drop} (the muted packets are really absent) and {@code setts}
 * (the first packet, the -7 ms pre-skip packet, lands on the join time).</li>
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
        int firstPts = firstPacketPtsMs(continuous);
        // Daily-like name: {recording start}-{participant}-cam-audio-{track start}, no extension.
        Path track = directory.resolve("1763152299562-participant-" + index + "-cam-audio-" + (1763152299562L + start));
        runner.run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-i", continuous.toString(), "-map", "0:a", "-c", "copy",
                "-bsf:a", "noise=drop=" + dropExpression(gaps) + ",setts=ts=TS+" + (start - firstPts),
                "-f", "webm", track.toString()), TIMEOUT);
        return new TestMeeting.Track(index, track, plan.channels(), start, contentT0, end, gaps,
                List.copyOf(plan.markersMs()), freq);
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

    int firstPacketPtsMs(Path file) {
        return packetPtsMs(file, List.of("-read_intervals", "%+#1")).get(0);
    }

    /** Packet timestamps of the first audio stream in ms (WebM's timebase), as the fixture script reads them. */
    List<Integer> packetPtsMs(Path file) {
        return packetPtsMs(file, List.of());
    }

    private List<Integer> packetPtsMs(Path file, List<String> limit) {
        List<String> command = new ArrayList<>(List.of(binaries.ffprobe().toString(), "-v", "error",
                "-select_streams", "a:0", "-show_entries", "packet=pts", "-of", "csv=p=0"));
        command.addAll(limit);
        command.add(file.toString());
        String csv = runner.run(command, TIMEOUT);
        return csv.lines().map(line -> line.replace(",", "").strip()).filter(line -> !line.isEmpty())
                .map(Integer::valueOf).toList();
    }

    private static String dropExpression(List<TestMeeting.Gap> gaps) {
        if (gaps.isEmpty()) {
            return "0";
        }
        return gaps.stream().map(g -> "between(n\\," + g.firstDroppedPacket() + "\\," + g.lastDroppedPacket() + ")")
                .collect(Collectors.joining("+"));
    }

    private static String seconds(int ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}
