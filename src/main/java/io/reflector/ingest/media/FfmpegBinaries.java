package io.reflector.ingest.media;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The ffmpeg executable the app runs, chosen once at startup, in this order:
 * <ol>
 * <li>{@code FFMPEG_PATH}, when set: used as it is, and the app does not start if it cannot do the work;</li>
 * <li>an {@code ffmpeg} on the PATH that has what the app needs ({@link #REQUIRED}): a distribution's build, with
 * its speed and its security updates;</li>
 * <li>the static build the Maven build brings ({@code ws.schild:jave-nativebin-linux64}), which needs no system
 * library at all, extracted once into a cache directory.</li>
 * </ol>
 * No ffprobe is needed: the packet padder reads what it needs from the WebM itself.
 *
 * @param reason why this one was chosen, for the startup log and {@code /actuator/info}
 */
public record FfmpegBinaries(Path ffmpeg, String version, String reason) {

    /** What the pad, mix and Whereby commands use: the encoders, decoders and filters they name. */
    static final List<Capability> REQUIRED = List.of(
            new Capability("-encoders", "libmp3lame"), new Capability("-encoders", "libopus"),
            new Capability("-decoders", "opus"), new Capability("-decoders", "aac"),
            new Capability("-filters", "amix"), new Capability("-filters", "aresample"),
            new Capability("-filters", "asplit"), new Capability("-filters", "aformat"),
            new Capability("-filters", "amovie"));

    static final String BUNDLED_RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";
    private static final String BUNDLED_POM = "META-INF/maven/ws.schild/jave-nativebin-linux64/pom.properties";
    private static final long CHECK_TIMEOUT_SECONDS = 30;

    record Capability(String listFlag, String name) {
    }

    /** The default choice, with the bundled build cached under the user's cache directory. */
    public static FfmpegBinaries resolve(String override) {
        return resolve(override, System.getenv("PATH"), defaultCacheDirectory());
    }

    /**
     * @throws FfmpegUnavailableException when {@code override} cannot do the work, or nothing can
     */
    public static FfmpegBinaries resolve(String override, String searchPath, Path cacheDirectory) {
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            String version = check(path, "FFMPEG_PATH=" + override);
            return new FfmpegBinaries(path, version, "FFMPEG_PATH");
        }
        List<String> passedOver = new ArrayList<>();
        for (Path candidate : onPath(searchPath)) {
            try {
                String version = check(candidate, candidate.toString());
                return new FfmpegBinaries(candidate, version, "found on the PATH with everything the app needs");
            } catch (FfmpegUnavailableException e) {
                passedOver.add(e.getMessage());
            }
        }
        Path bundled = extractBundled(cacheDirectory);
        String version = check(bundled, "the bundled ffmpeg " + bundled);
        return new FfmpegBinaries(bundled, version, passedOver.isEmpty()
                ? "the build's static ffmpeg (no ffmpeg on the PATH)"
                : "the build's static ffmpeg (passed over: " + String.join("; ", passedOver) + ")");
    }

    static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("reflector-ingest");
    }

    private static List<Path> onPath(String searchPath) {
        if (searchPath == null) {
            return List.of();
        }
        return Stream.of(searchPath.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "ffmpeg")).filter(Files::isExecutable).distinct().toList();
    }

    /** Runs it: it must start, and list every required encoder, decoder and filter; returns its version line. */
    static String check(Path executable, String what) {
        String version = output(executable, what, "-version").lines().findFirst().orElse("").strip();
        List<String> missing = new ArrayList<>();
        for (String flag : REQUIRED.stream().map(Capability::listFlag).distinct().toList()) {
            String listed = output(executable, what, flag);
            REQUIRED.stream().filter(c -> c.listFlag().equals(flag))
                    .filter(c -> listed.lines().noneMatch(line -> lists(line, c.name())))
                    .forEach(c -> missing.add(c.name()));
        }
        if (!missing.isEmpty()) {
            throw new FfmpegUnavailableException(what + " (" + version + ") lacks " + String.join(", ", missing));
        }
        return version;
    }

    /** A line of {@code -encoders}/{@code -decoders}/{@code -filters}: flags, then the name as its own word. */
    private static boolean lists(String line, String name) {
        String[] words = line.strip().split("\\s+");
        return words.length >= 2 && words[1].equals(name);
    }

    private static String output(Path executable, String what, String flag) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "-hide_banner", flag)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new FfmpegUnavailableException(what + " did not answer " + flag + " within "
                        + CHECK_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new FfmpegUnavailableException(what + " cannot run (exit " + process.exitValue() + "): "
                        + output.strip().lines().findFirst().orElse(""));
            }
            return output;
        } catch (IOException e) {
            throw new FfmpegUnavailableException(what + " cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FfmpegUnavailableException("interrupted while checking " + what);
        }
    }

    /** Extracted once per version; written beside its final name and moved, so two JVMs never see half a file. */
    static Path extractBundled(Path cacheDirectory) {
        Path target = cacheDirectory.resolve("ffmpeg-" + bundledVersion());
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream binary = FfmpegBinaries.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (binary == null) {
                throw new FfmpegUnavailableException("no ffmpeg on the PATH and the bundled one is not on the class"
                        + " path (" + BUNDLED_RESOURCE + ")");
            }
            Files.createDirectories(cacheDirectory);
            Path partial = Files.createTempFile(cacheDirectory, "ffmpeg-", ".part");
            try {
                Files.copy(binary, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        } catch (IOException e) {
            throw new FfmpegUnavailableException("the bundled ffmpeg cannot be extracted into " + cacheDirectory
                    + ": " + e.getMessage());
        }
    }

    private static String bundledVersion() {
        try (InputStream pom = FfmpegBinaries.class.getClassLoader().getResourceAsStream(BUNDLED_POM)) {
            Properties properties = new Properties();
            if (pom != null) {
                properties.load(pom);
            }
            return "jave-" + properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "jave-unknown";
        }
    }
}
