package io.reflector.ingest.media;

import java.nio.file.Path;
import java.util.List;

/**
 * The truth about a generated meeting; every time is in ms on the meeting clock (0 = recording start), exact in
 * WebM's 1 ms timebase.
 */
public record TestMeeting(List<Track> tracks) {

    /** The padded tracks and the mix end where the longest track ends on the wall clock. */
    public int expectedMixDurationMs() {
        return tracks.stream().mapToInt(Track::endMs).max().orElse(0);
    }

    /**
     * @param startMs     pts of the first packet (the -7 ms pre-skip packet), i.e. the participant's join time
     * @param contentT0Ms where ffmpeg presents the first decoded sample: startMs + the pre-skip rounded up to 7 ms
     * @param endMs       wall-clock end: contentT0Ms + the content length (whole 20 ms packets)
     * @param markersMs   onsets of the 50 ms marker bursts at markerFreqHz
     */
    public record Track(int index, Path file, int channels, int startMs, int contentT0Ms, int endMs, List<Gap> gaps,
                 List<Integer> markersMs, int markerFreqHz) {

        int gapTotalMs() {
            return gaps.stream().mapToInt(gap -> gap.endMs() - gap.startMs()).sum();
        }
    }

    /** Packets firstDroppedPacket..lastDroppedPacket (inclusive) are absent: meeting time [startMs, endMs). */
    public record Gap(int startMs, int endMs, int firstDroppedPacket, int lastDroppedPacket) {
    }
}
