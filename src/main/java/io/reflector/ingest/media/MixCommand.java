package io.reflector.ingest.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ffmpeg commands that make a recording's audio in one pass over its tracks, run side by side with the
 * mixed samples streaming from the first to the second through the JVM ({@link Mixer}):
 * <ol>
 * <li>{@link #mix}: reads every track once, sums them and writes the sum as float PCM (48 kHz stereo) on stdout;
 * the JVM measures it (waveform, exact duration) as it passes;</li>
 * <li>{@link #mp3}: encodes that PCM from stdin into the meeting's MP3 (libmp3lame, 128 kbit/s CBR, 48 kHz,
 * stereo).</li>
 * </ol>
 * Two processes rather than one with {@code asplit}: ffmpeg's command line of these versions (4.4, 5.1) decodes,
 * filters and encodes on one thread, so the MP3 encode (about half of the work) then waits for the mix; side by side
 * they use two cores. The MP3 is never decoded again.
 *
 * <p>{@code normalize=0} is a plain sum, as in the system this replaces: speakers keep their level however many
 * tracks there are, and with it amix's {@code dropout_transition} has no effect when a track ends. Mono tracks are
 * upmixed to stereo before the sum. The MP3 muxer writes a LAME header with the encoder delay and padding, which
 * decoders honour, so the MP3's decoded samples are the PCM's.
 *
 * <p>Tracks on the meeting clock (padded tracks) are read by {@code amovie} sources inside the filter graph, not as
 * input files: ffmpeg's command line (4.4 to 6.x) reads each input file on a thread of its own and hands every packet
 * to the decoding thread through a locked queue, which with four 30-minute tracks cost about 8 CPU-s, mostly in the
 * kernel on futexes, a third of the mix. {@code amovie} demuxes and decodes in the graph's own thread, with the same
 * demuxer and decoder (pre-skip and DiscardPadding applied alike), so the samples are the same to the bit.
 *
 * <p>A track not yet on the meeting clock (the one file of a Whereby recording) is an input file, put there in the
 * same pass: {@code -copyts} keeps its timestamps and {@code aresample=async=1:first_pts=0} turns them into samples:
 * silence from 0 to its first sample and in every timestamp jump of 15 ms or more.
 */
public final class MixCommand {

    static final String ON_THE_CLOCK = "aresample=async=1:min_hard_comp=0.015:first_pts=0";
    static final String STEREO_FLOAT = "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";
    private static final List<String> PCM = List.of("-ar", String.valueOf(Mixer.SAMPLE_RATE),
            "-ac", String.valueOf(Mixer.CHANNELS), "-f", "f32le");

    /** @param onMeetingClock false for a source that still needs its timestamps turned into samples */
    public record Input(Path file, boolean onMeetingClock) {
    }

    private MixCommand() {
    }

    /** The tracks summed, as float PCM on stdout. */
    public static List<String> mix(Path ffmpeg, List<Input> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to mix: no tracks");
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-nostats", "-loglevel", "error"));
        if (inputs.stream().anyMatch(input -> !input.onMeetingClock())) {
            command.add("-copyts");
        }
        List<String> chains = new ArrayList<>();
        StringBuilder bus = new StringBuilder();
        int inputFiles = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            String source;
            if (input.onMeetingClock()) {
                source = "amovie=filename=" + filterArgument(input.file().toString()) + ",";
            } else {
                command.addAll(List.of("-i", input.file().toString()));
                source = "[" + inputFiles++ + ":a:0]" + ON_THE_CLOCK + ",";
            }
            String label = inputs.size() > 1 ? "[in" + i + "]" : "";
            chains.add(source + STEREO_FLOAT + label);
            bus.append(label);
        }
        if (inputs.size() > 1) {
            chains.add(bus + "amix=inputs=" + inputs.size() + ":normalize=0:duration=longest");
        }
        String graph = String.join(";", chains);
        command.addAll(List.of("-filter_complex", graph));
        command.addAll(List.of("-c:a", "pcm_f32le"));
        command.addAll(PCM);
        command.add("-");
        return List.copyOf(command);
    }

    /**
     * A value as a filter's option inside a filter graph, escaped at both levels ffmpeg parses (ffmpeg-filters,
     * "Notes on filtergraph escaping"): first as an option value, then as part of the graph's description.
     */
    static String filterArgument(String value) {
        return escape(escape(value, "\\': "), "\\'[],; ");
    }

    private static String escape(String value, String special) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (special.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** The MP3 of the float PCM on stdin. */
    public static List<String> mp3(Path ffmpeg, Path mp3) {
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-nostats", "-loglevel", "error",
                "-y"));
        command.addAll(PCM);
        command.addAll(List.of("-i", "-", "-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3", mp3.toString()));
        return List.copyOf(command);
    }
}
