package io.reflector.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ApplicationContext;

import io.reflector.ingest.Application;

/**
 * Another instance of the application in a JVM of its own, configured as {@link OtherInstance} is, so that it can
 * die as a machine does: killed with SIGKILL, or stopped with SIGTERM. Its output goes to a log file under
 * {@code target/}, which a failure names.
 */
public final class OtherInstanceProcess implements AutoCloseable {
    private static final Duration EXIT_LIMIT = Duration.ofMinutes(1);
    private final Process process;
    private final Path dataDir;
    private final Path log;

    private OtherInstanceProcess(Process process, Path dataDir, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** @param name names its log, {@code target/<name>.log} */
    public static OtherInstanceProcess start(ApplicationContext first, String name, Map<String, Object> overrides) {
        Path dataDir = OtherInstance.temporaryDataDir();
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), Application.class.getName()));
        command.addAll(OtherInstance.arguments(first, dataDir, overrides));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new OtherInstanceProcess(process, dataDir, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A probe for {@link Eventually}, which fails at once, naming the log, if this process is gone. */
    public void mustBeAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("the other instance's JVM exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** Dies as a machine that loses power: SIGKILL, no shutdown of any kind. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /**
     * Told to stop as an orchestrator does, with SIGTERM.
     *
     * @return how long it took to exit
     */
    public Duration terminate() {
        long start = System.nanoTime();
        process.destroy();
        int exit = awaitExit();
        if (exit != 0 && exit != 143) {
            throw new AssertionError("the other instance exited with " + exit + " after SIGTERM; see " + log);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public Path log() {
        return log;
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the other instance did not exit within " + EXIT_LIMIT.toSeconds()
                        + " s; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the other instance to exit", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        OtherInstance.delete(dataDir);
    }
}
