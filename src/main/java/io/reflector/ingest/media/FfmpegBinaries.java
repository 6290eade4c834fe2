package io.reflector.ingest.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/**
 * Where the ffmpeg and ffprobe executables are. By default the ones the build brings (org.bytedeco:ffmpeg),
 * extracted from the jar on first use; FFMPEG_PATH / FFPROBE_PATH point at others.
 */
public record FfmpegBinaries(Path ffmpeg, Path ffprobe) {

    /** The system libraries the bundled build links to but does not ship (Debian package names). */
    public static final String SYSTEM_LIBRARIES = "libpulse0 libasound2 libxcb1 libxcb-shm0 libudev1 libva2 libva-drm2";

    public static FfmpegBinaries resolve(String ffmpegOverride, String ffprobeOverride) {
        Path ffmpeg = isBlank(ffmpegOverride) ? Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class)) : Path.of(ffmpegOverride);
        Path ffprobe = isBlank(ffprobeOverride) ? Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class)) : Path.of(ffprobeOverride);
        return new FfmpegBinaries(ffmpeg, ffprobe);
    }

    /**
     * Runs both executables once; fails with a message that says what to install when they cannot start,
     * so a broken machine is found at startup and not on the first recording.
     *
     * @return the first line of {@code ffmpeg -version}
     */
    public String verify() {
        String version = firstLineOf(ffmpeg, "-hide_banner", "-version");
        firstLineOf(ffprobe, "-hide_banner", "-version");
        return version;
    }

    private static String firstLineOf(Path executable, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(executable + " did not answer -version within 30 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(executable + " cannot run (exit " + process.exitValue() + "): "
                        + output.strip() + hintFor(output));
            }
            return output.lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IllegalStateException(executable + " cannot be started: " + e.getMessage()
                    + (Files.exists(executable) ? "" : " (file missing; set FFMPEG_PATH / FFPROBE_PATH)"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + executable, e);
        }
    }

    private static String hintFor(String output) {
        return output.contains("error while loading shared libraries")
                ? ". The bundled ffmpeg needs these system libraries: apt-get install " + SYSTEM_LIBRARIES
                        + " (or point FFMPEG_PATH and FFPROBE_PATH at an installed ffmpeg)"
                : "";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
