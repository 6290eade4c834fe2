package io.reflector.ingest.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg command that mixes padded tracks (all starting at meeting time 0) into the meeting's MP3.
 *
 * <p>{@code normalize=0} is a plain sum, as in the system this replaces: speakers keep their level however many
 * tracks there are, and with it amix's {@code dropout_transition} has no effect when a track ends. The MP3 muxer
 * writes a LAME header with the encoder delay and padding, which ffmpeg's decoder honours, so decoded samples stay
 * on the meeting clock.
 */
public final class MixCommand {

    private MixCommand() {
    }

    public static List<String> build(Path ffmpeg, List<String> paddedTracks, Path output) {
        if (paddedTracks.isEmpty()) {
            throw new IllegalArgumentException("nothing to mix: no padded tracks");
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-nostats", "-loglevel", "error", "-y"));
        for (String track : paddedTracks) {
            command.addAll(List.of("-i", track));
        }
        command.addAll(List.of(
                "-filter_complex", "amix=inputs=" + paddedTracks.size() + ":normalize=0:duration=longest[mix]",
                "-map", "[mix]",
                "-ar", "48000", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k",
                "-f", "mp3", output.toString()));
        return List.copyOf(command);
    }
}
