package io.reflector.ingest.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecBinding;
import org.apache.camel.component.exec.ExecResult;

import io.reflector.ingest.media.MediaProcessingException;

/**
 * The hand-over between our command builders and camel-exec: the executable and its arguments as a list (never one
 * string to be split), a timeout, and the check camel-exec does not do on its own: a non-zero exit fails, with the
 * last lines of stderr as the reason.
 */
final class FfmpegExec {
    static final int STDERR_LINES_KEPT = 20;

    private FfmpegExec() {
    }

    static void prepare(Message message, List<String> command, Duration timeout) {
        message.setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, command.get(0));
        message.setHeader(ExecBinding.EXEC_COMMAND_ARGS, command.subList(1, command.size()));
        message.setHeader(ExecBinding.EXEC_COMMAND_TIMEOUT, timeout.toMillis());
        message.setBody(null);
    }

    static void check(ExecResult result) {
        if (result.getExitValue() == 0) {
            return;
        }
        throw new MediaProcessingException(result.getCommand().getExecutable() + " exited with code "
                + result.getExitValue() + (result.getExitValue() == 143 || result.getExitValue() == 137
                ? " (killed: over its timeout?)" : "") + stderrTail(result.getStderr()));
    }

    private static String stderrTail(InputStream stderr) {
        if (stderr == null) {
            return "";
        }
        try (stderr) {
            List<String> lines = new String(stderr.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return lines.isEmpty() ? "" : "; stderr (last lines):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - STDERR_LINES_KEPT), lines.size()));
        } catch (IOException e) {
            return "; stderr unreadable: " + e.getMessage();
        }
    }
}
