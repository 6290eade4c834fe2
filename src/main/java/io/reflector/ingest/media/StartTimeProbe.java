package io.reflector.ingest.media;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads where a participant's track starts on the meeting clock (spec 6.2) with one ffprobe run, which reads the
 * headers and a single packet, so probing a presigned URL does not download the track.
 *
 * <p>Note for the bundled ffmpeg 8.x: for WebM/Opus the stream {@code start_time} already includes the Opus pre-skip
 * (first packet pts + 312 samples, rounded to the 1 ms WebM timebase), i.e. it is where a decoder presents the first
 * sample. FFmpeg 5.1 and PyAV builds of that age report the bare first packet pts, about 7 ms earlier.
 */
public class StartTimeProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FfmpegBinaries binaries;
    private final ProcessRunner runner;

    public StartTimeProbe(FfmpegBinaries binaries, ProcessRunner runner) {
        this.binaries = binaries;
        this.runner = runner;
    }

    /**
     * The track's offset in seconds on the meeting clock. 0 is a real value (the participant was there when the
     * recording started), so a file without any readable offset fails instead of defaulting to 0.
     *
     * @throws MediaProcessingException when the file cannot be probed, has no audio stream or no timestamps
     */
    public double startTimeSeconds(String input) {
        return startTimeOf(probe(input), input);
    }

    List<String> command(String input) {
        return List.of(binaries.ffprobe().toString(), "-v", "error",
                "-select_streams", "a:0",
                "-show_entries", "stream=index,start_time:format=start_time:packet=pts_time",
                "-read_intervals", "%+#1",
                "-of", "json", input);
    }

    /** Spec 6.2 order: stream start_time, else container start_time, else the first packet's pts. */
    static double startTimeOf(JsonNode probe, String input) {
        if (probe.path("streams").size() == 0) {
            throw new MediaProcessingException(input + " has no audio stream");
        }
        for (JsonNode candidate : List.of(probe.path("streams").path(0).path("start_time"),
                probe.path("format").path("start_time"),
                probe.path("packets").path(0).path("pts_time"))) {
            Double seconds = secondsOrNull(candidate);
            if (seconds != null) {
                return seconds;
            }
        }
        throw new MediaProcessingException(input + " has an audio stream but no start time: neither the stream, the"
                + " container nor its first packet carries a timestamp");
    }

    private JsonNode probe(String input) {
        String output = runner.run(command(input), TIMEOUT);
        try {
            return JSON.readTree(output);
        } catch (JsonProcessingException e) {
            throw new MediaProcessingException("ffprobe printed unreadable JSON for " + input + ": " + e.getMessage(), e);
        }
    }

    /** ffprobe omits unknown values in JSON, or writes "N/A" in older versions. */
    private static Double secondsOrNull(JsonNode value) {
        if (!value.isTextual() && !value.isNumber()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.asText());
            return Double.isFinite(seconds) ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
