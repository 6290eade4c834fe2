package io.reflector.ingest.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs an external command (ffmpeg, ffprobe) to completion: kills it after a timeout, fails on a non-zero exit
 * code and keeps the tail of its stderr for the exception message, because ffmpeg's last lines say what went wrong.
 */
public class ProcessRunner {

    static final int STDERR_LINES_KEPT = 20;
    private static final Pattern PRESIGNED_QUERY = Pattern.compile("(https?://[^\\s?]+)\\?\\S*");

    private final List<String> prefix;

    /** Runs commands at the JVM's own priority. */
    public ProcessRunner() {
        this(0);
    }

    /**
     * @param niceness added to each command's scheduling niceness (coreutils {@code nice}), 0 for none: media work is
     *                 batch work, and at a positive niceness it leaves the cores to the JVM first, whose webhook
     *                 answers a platform waits for (Daily counts slow answers against the endpoint)
     */
    public ProcessRunner(int niceness) {
        this.prefix = niceness == 0 ? List.of() : List.of("nice", "-n", Integer.toString(niceness));
    }

    /** Consumes the command's stdout while it runs, so large outputs (decoded PCM) never sit in memory whole. */
    @FunctionalInterface
    public interface StdoutReader<T> {
        T read(InputStream stdout) throws IOException;
    }

    /** Runs the command and returns its stdout as UTF-8 text (for small outputs such as ffprobe JSON). */
    public String run(List<String> command, Duration timeout) {
        return run(command, timeout, stdout -> new String(stdout.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Writes the command's stdin while it runs (its stdout is not read: the command writes a file). */
    @FunctionalInterface
    public interface StdinWriter {
        void write(OutputStream stdin) throws IOException;
    }

    public <T> T run(List<String> command, Duration timeout, StdoutReader<T> reader) {
        Process process = start(command);
        StderrTail stderr = new StderrTail(process.getErrorStream());
        AtomicBoolean timedOut = watch(process, timeout);
        try {
            T result;
            try (InputStream stdout = process.getInputStream()) {
                result = reader.read(stdout);
                // A reader may stop early; draining lets the process finish instead of blocking on a full pipe.
                stdout.transferTo(OutputStream.nullOutputStream());
            } catch (RuntimeException e) {
                // what the reader did with the output failed; when that is because the command failed, say that
                if (process.waitFor(1, TimeUnit.SECONDS) && process.exitValue() != 0) {
                    stderr.join();
                    MediaProcessingException failure = failure(command, "exited with code " + process.exitValue(), stderr);
                    failure.addSuppressed(e);
                    throw failure;
                }
                throw e;
            }
            checkExit(command, process, timeout, timedOut, stderr);
            return result;
        } catch (IOException e) {
            process.destroyForcibly();
            stderr.join();
            throw failure(command, timedOut.get() ? "timed out after " + timeout.toSeconds() + " s"
                    : "failed while its output was read (" + e.getMessage() + ")", stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaProcessingException("interrupted while running " + describe(command), e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Runs the command with {@code writer} feeding its stdin, then checks it as {@link #run} does. */
    public void feed(List<String> command, Duration timeout, StdinWriter writer) {
        Process process = start(command);
        StderrTail stderr = new StderrTail(process.getErrorStream());
        AtomicBoolean timedOut = watch(process, timeout);
        try {
            process.getInputStream().close();
            try (OutputStream stdin = process.getOutputStream()) {
                writer.write(stdin);
            } catch (IOException e) {
                // it stopped reading: its exit code and stderr say why, if it failed
                if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                    checkExit(command, process, timeout, timedOut, stderr);
                }
                process.destroyForcibly();
                stderr.join();
                throw failure(command, "stopped taking its input (" + e.getMessage() + ")", stderr);
            }
            checkExit(command, process, timeout, timedOut, stderr);
        } catch (IOException e) {
            throw failure(command, "cannot be fed: " + e.getMessage(), stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaProcessingException("interrupted while running " + describe(command), e);
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * The reader or writer blocks on a pipe, so the timeout is enforced from outside: killing the process closes
     * its pipes, which unblocks them.
     */
    private static AtomicBoolean watch(Process process, Duration timeout) {
        AtomicBoolean timedOut = new AtomicBoolean();
        process.onExit().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((exited, error) -> {
            if (error instanceof TimeoutException) {
                timedOut.set(true);
                process.destroyForcibly();
            }
        });
        return timedOut;
    }

    private static void checkExit(List<String> command, Process process, Duration timeout, AtomicBoolean timedOut,
                                  StderrTail stderr) throws InterruptedException {
        int exitCode = process.waitFor();
        stderr.join();
        if (timedOut.get()) {
            throw failure(command, "timed out after " + timeout.toSeconds() + " s", stderr);
        }
        if (exitCode != 0) {
            throw failure(command, "exited with code " + exitCode, stderr);
        }
    }

    private Process start(List<String> command) {
        try {
            return new ProcessBuilder(Stream.concat(prefix.stream(), command.stream()).toList()).start();
        } catch (IOException e) {
            throw new MediaProcessingException(describe(command) + " cannot be started: " + e.getMessage(), e);
        }
    }

    private static MediaProcessingException failure(List<String> command, String what, StderrTail stderr) {
        return new MediaProcessingException(describe(command) + " " + what + stderr.asSuffix());
    }

    private static String describe(List<String> command) {
        return "command " + redact(String.join(" ", command));
    }

    /** Inputs are presigned URLs; their query strings are credentials and must not end up in logs. */
    static String redact(String text) {
        return PRESIGNED_QUERY.matcher(text).replaceAll("$1?<redacted>");
    }

    /** Reads stderr on its own thread (a full stderr pipe would stall the process) and keeps the last lines. */
    private static final class StderrTail {
        private final Deque<String> lines = new ArrayDeque<>();
        private final Thread thread;

        StderrTail(InputStream stderr) {
            thread = new Thread(() -> collect(stderr), "process-stderr");
            thread.setDaemon(true);
            thread.start();
        }

        private void collect(InputStream stderr) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (lines) {
                        if (lines.size() == STDERR_LINES_KEPT) {
                            lines.removeFirst();
                        }
                        lines.addLast(redact(line));
                    }
                }
            } catch (IOException e) {
                // The process was killed; whatever was read so far is still useful.
            }
        }

        void join() {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String asSuffix() {
            synchronized (lines) {
                return lines.isEmpty() ? " (no stderr output)" : "; stderr (last lines):\n" + String.join("\n", lines);
            }
        }
    }
}
