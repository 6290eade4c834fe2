package io.reflector.ingest.media;

/**
 * How one track was put on the meeting clock, for the log and the track's record.
 *
 * @param offsetSeconds where the participant's audio starts on the meeting clock; null when ffmpeg padded it
 * @param gapsFilled    timestamp jumps filled with silence (packet path; the ffmpeg path does not count them)
 * @param silenceMs     silence inserted into those gaps
 * @param durationMs    length of the padded track from meeting time 0
 * @param fallbackReason why the packet path could not take the track, when it did not
 */
public record PadReport(Path path, Double offsetSeconds, int gapsFilled, double silenceMs, double durationMs,
                        String fallbackReason) {

    public enum Path {
        /** Opus packets copied, silence inserted: no decoding. */
        PACKET,
        /** Decoded and re-encoded by the ffmpeg pad command. */
        FFMPEG,
        /** Not padded on its own: the only track of its recording, put on the clock by the mix itself. */
        IN_MIX
    }
}
