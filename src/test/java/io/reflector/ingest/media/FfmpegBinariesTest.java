package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegBinariesTest {
    private final FfmpegBinaries binaries = FfmpegBinaries.resolve(null, null);

    @Test
    void theBundledFfmpegEncodesAToneThatFfprobeMeasures(@TempDir Path dir) throws Exception {
        assertThat(binaries.verify()).startsWith("ffmpeg version");
        Path tone = dir.resolve("tone.webm");

        run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-loglevel", "error", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000:duration=1.5", "-c:a", "libopus", tone.toString()));
        String probed = run(List.of(binaries.ffprobe().toString(), "-v", "error", "-show_entries",
                "stream=codec_name,sample_rate:format=duration", "-of", "default=noprint_wrappers=1", tone.toString()));

        assertThat(probed).contains("codec_name=opus").contains("sample_rate=48000");
        double duration = Double.parseDouble(probed.lines().filter(l -> l.startsWith("duration=")).findFirst()
                .orElseThrow().substring("duration=".length()));
        assertThat(duration).isBetween(1.49, 1.53);
    }

    @Test
    void aBinaryThatCannotRunFailsTheCheckWithItsPath() {
        FfmpegBinaries missing = FfmpegBinaries.resolve("/nonexistent/ffmpeg", "/nonexistent/ffprobe");
        assertThatThrownBy(missing::verify).hasMessageContaining("/nonexistent/ffmpeg")
                .hasMessageContaining("FFMPEG_PATH");
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
