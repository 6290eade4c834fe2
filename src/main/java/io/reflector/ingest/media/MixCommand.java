package io.reflector.ingest.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one ffmpeg command that makes a recording's audio: it reads every track once, sums them, writes the meeting's
 * MP3 (128 kbit/s CBR, 48 kHz, stereo) and the same mixed samples as float PCM on stdout, for the waveform and the
 * exact duration, so the MP3 is never decoded again.
 *
 * <p>{@code normalize=0} is a plain sum, as in the system this replaces: speakers keep their level however many
 * tracks there are, and with it amix's {@code dropout_transition} has no effect when a track ends. Mono tracks are
 * upmixed to stereo before the sum. The MP3 muxer writes a LAME header with the encoder delay and padding, which
 * decoders honour, so the MP3's decoded samples are the PCM's.
 *
 * <p>A track not yet on the meeting clock (the one file of a Whereby recording) is put there in the same pass:
 * {@code -copyts} keeps its timestamps and {@code aresample=async=1:first_pts=0} turns them into samples: silence
 * from 0 to its first sample and in every timestamp jump of 15 ms or more.
 */
public final class MixCommand {

    static final String ON_THE_CLOCK = "aresample=async=1:min_hard_comp=0.015:first_pts=0";
    static final String STEREO_FLOAT = "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";

    /** @param onMeetingClock false for a source that still needs its timestamps turned into samples */
    public record Input(Path file, boolean onMeetingClock) {
    }

    private MixCommand() {
    }

    public static List<String> build(Path ffmpeg, List<Input> inputs, Path mp3) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to mix: no tracks");
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-nostats", "-loglevel", "error", "-y"));
        if (inputs.stream().anyMatch(input -> !input.onMeetingClock())) {
            command.add("-copyts");
        }
        StringBuilder graph = new StringBuilder();
        StringBuilder bus = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            command.addAll(List.of("-i", inputs.get(i).file().toString()));
            graph.append('[').append(i).append(":a:0]")
                    .append(inputs.get(i).onMeetingClock() ? "" : ON_THE_CLOCK + ",")
                    .append(STEREO_FLOAT).append("[in").append(i).append("];");
            bus.append("[in").append(i).append(']');
        }
        graph.append(bus);
        if (inputs.size() > 1) {
            graph.append("amix=inputs=").append(inputs.size()).append(":normalize=0:duration=longest,");
        }
        graph.append("asplit=2[mp3][pcm]");
        command.addAll(List.of("-filter_complex", graph.toString(),
                "-map", "[mp3]", "-c:a", "libmp3lame", "-b:a", "128k", "-ar", "48000", "-ac", "2", "-f", "mp3", mp3.toString(),
                "-map", "[pcm]", "-c:a", "pcm_f32le", "-ar", String.valueOf(Mixer.SAMPLE_RATE),
                "-ac", String.valueOf(Mixer.CHANNELS), "-f", "f32le", "-"));
        return List.copyOf(command);
    }
}
