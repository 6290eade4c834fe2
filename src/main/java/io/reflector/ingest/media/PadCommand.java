package io.reflector.ingest.media;

import java.nio.file.Path;
import java.util.List;

/**
 * The ffmpeg command that puts one participant's track on the meeting clock: sample 0 of the output is meeting
 * time 0, muted spans (packets Daily never wrote) are real silence, and the result is WebM/Opus 48 kHz stereo.
 *
 * <p>The track's own timestamps place it: {@code -copyts} keeps them as they are in the file, and
 * {@code aresample=async=1:first_pts=0} emits silence from 0 up to the first decoded sample and wherever the
 * timestamps jump. This puts every sample where ffmpeg's decoder presents it, Opus pre-skip included, so no offset
 * has to be probed and added (the system this replaces padded by floor(start_time in ms) and ignored the pre-skip,
 * which put the audio about 7 ms early). {@code min_hard_comp=0.015} makes a gap as short as one lost 20 ms
 * packet count: at the default of 0.1 s such gaps are not filled and all later audio plays early by their length.
 * Always run, even for a track that starts at 0, because gaps need filling regardless.
 */
public final class PadCommand {

    static final String FILTER = "aresample=async=1:min_hard_comp=0.015:first_pts=0";

    private PadCommand() {
    }

    public static List<String> build(Path ffmpeg, String input, Path output) {
        return List.of(ffmpeg.toString(), "-nostdin", "-nostats", "-loglevel", "error", "-y",
                "-copyts", "-i", input,
                "-map", "0:a:0", "-af", FILTER,
                "-ar", "48000", "-ac", "2", "-c:a", "libopus", "-b:a", "128k",
                "-f", "webm", output.toString());
    }
}
