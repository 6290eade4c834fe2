package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.reflector.ingest.media.webm.OpusFrame;
import io.reflector.ingest.media.webm.WebmOpusReader;

class FfmpegBinariesTest {

    @TempDir
    Path directory;

    @Test
    void withoutAnFfmpegOnThePathTheBundledStaticOneIsExtractedAndDoesTheWork() throws Exception {
        Path cache = directory.resolve("cache");
        FfmpegBinaries binaries = FfmpegBinaries.resolve(null, directory.resolve("empty").toString(), cache);

        assertThat(binaries.ffmpeg()).startsWith(cache);
        assertThat(binaries.version()).startsWith("ffmpeg version");
        assertThat(binaries.reason()).contains("static ffmpeg").contains("no ffmpeg on the PATH");
        assertThat(FfmpegBinaries.resolve(null, null, cache).ffmpeg()).as("extracted once").isEqualTo(binaries.ffmpeg());

        Path tone = directory.resolve("tone.webm");
        new ProcessRunner().run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-loglevel", "error", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000:duration=1.5", "-c:a", "libopus", tone.toString()),
                Duration.ofMinutes(1));
        long samples = 0;
        try (WebmOpusReader reader = WebmOpusReader.open(tone)) {
            for (OpusFrame frame = reader.next(); frame != null; frame = reader.next()) {
                samples += frame.playedSamples();
            }
            samples -= reader.track().preSkip();
        }
        assertThat(samples).isEqualTo(72_000);
    }

    @Test
    void anFfmpegOnThePathIsUsedWhenItHasEverythingTheAppNeeds() throws Exception {
        Path bundled = FfmpegBinaries.extractBundled(directory.resolve("cache"));
        Path bin = Files.createDirectories(directory.resolve("bin"));
        script(bin.resolve("ffmpeg"), "exec " + bundled + " \"$@\"");

        FfmpegBinaries binaries = FfmpegBinaries.resolve(null, "/nonexistent:" + bin, directory.resolve("other-cache"));

        assertThat(binaries.ffmpeg()).isEqualTo(bin.resolve("ffmpeg"));
        assertThat(binaries.reason()).isEqualTo("found on the PATH with everything the app needs");
    }

    @Test
    void anFfmpegOnThePathThatLacksAnEncoderIsPassedOverAndSaidSo() throws Exception {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        script(bin.resolve("ffmpeg"), "echo 'ffmpeg version 9.9-minimal'; echo ' A..... aac   AAC'; echo ' ... amix  A->A'");

        FfmpegBinaries binaries = FfmpegBinaries.resolve(null, bin.toString(), directory.resolve("cache"));

        assertThat(binaries.ffmpeg()).startsWith(directory.resolve("cache"));
        assertThat(binaries.reason()).contains("passed over").contains(bin.resolve("ffmpeg").toString())
                .contains("ffmpeg version 9.9-minimal").contains("libmp3lame").contains("libopus")
                .doesNotContain("amix,");
    }

    @Test
    void ffmpegPathThatCannotRunStopsTheStartWithOneClearReport() {
        assertThatThrownBy(() -> FfmpegBinaries.resolve("/nonexistent/ffmpeg", null, directory))
                .isInstanceOf(FfmpegUnavailableException.class)
                .hasMessageContaining("FFMPEG_PATH=/nonexistent/ffmpeg cannot be started");

        FailureAnalysis analysis = new FfmpegFailureAnalyzer().analyze(new IllegalStateException("context",
                new FfmpegUnavailableException("FFMPEG_PATH=/x cannot be started")));
        assertThat(analysis.getDescription()).isEqualTo("No usable ffmpeg: FFMPEG_PATH=/x cannot be started");
        assertThat(analysis.getAction()).contains("FFMPEG_PATH").contains("apt-get install ffmpeg");
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
