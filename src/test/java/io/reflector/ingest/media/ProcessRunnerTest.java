package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void returnsStdout() {
        assertThat(runner.run(List.of("sh", "-c", "printf 'hello'"), Duration.ofSeconds(10))).isEqualTo("hello");
    }

    @Test
    void aNicenessIsAddedToTheCommandsOwn() {
        // coreutils nice without arguments prints the niceness it runs at
        int own = Integer.parseInt(runner.run(List.of("nice"), Duration.ofSeconds(10)).trim());

        String niced = new ProcessRunner(7).run(List.of("nice"), Duration.ofSeconds(10)).trim();

        assertThat(Integer.parseInt(niced)).isEqualTo(Math.min(own + 7, 19));
    }

    @Test
    void aFailingNicedCommandIsNamedWithoutThePrefix() {
        assertThatThrownBy(() -> new ProcessRunner(7).run(List.of("sh", "-c", "exit 4"), Duration.ofSeconds(10)))
                .hasMessageStartingWith("command sh ")
                .hasMessageContaining("exited with code 4");
    }

    @Test
    void aFailureKeepsTheExitCodeAndTheLastStderrLines() {
        List<String> command = List.of("sh", "-c", "for i in $(seq 1 50); do echo \"line $i\" >&2; done; exit 3");

        assertThatThrownBy(() -> runner.run(command, Duration.ofSeconds(10)))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("line 31\n")
                .hasMessageEndingWith("line 50")
                .hasMessageNotContaining("line 30\n");
    }

    @Test
    void presignedUrlQueriesNeverReachTheMessage() {
        String url = "https://bucket.s3.amazonaws.com/track?X-Amz-Credential=AKIA123&X-Amz-Signature=abc";
        List<String> command = List.of("sh", "-c", "echo \"$0: Server returned 403 Forbidden\" >&2; exit 1", url);

        assertThatThrownBy(() -> runner.run(command, Duration.ofSeconds(10)))
                .hasMessageContaining("https://bucket.s3.amazonaws.com/track?<redacted>")
                .hasMessageNotContaining("AKIA123")
                .hasMessageNotContaining("X-Amz-Signature");
    }

    @Test
    void aCommandThatRunsTooLongIsKilled() {
        assertThatThrownBy(() -> runner.run(List.of("sh", "-c", "exec sleep 30"), Duration.ofMillis(300)))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageContaining("timed out");
    }

    @Test
    void aReaderMayStopEarlyWithoutStallingTheCommand() {
        String firstBytes = runner.run(List.of("sh", "-c", "head -c 5000000 /dev/zero"), Duration.ofSeconds(10),
                stdout -> new String(stdout.readNBytes(4)));

        assertThat(firstBytes).hasSize(4);
    }

    @Test
    void aCommandThatCannotStartSaysSo() {
        assertThatThrownBy(() -> runner.run(List.of("/nonexistent/ffmpeg", "-version"), Duration.ofSeconds(10)))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageContaining("cannot be started");
    }

    @Test
    void aFedCommandGetsEverythingWrittenThenItsEnd(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path out = dir.resolve("out");

        runner.feed(List.of("sh", "-c", "cat > \"$0\"", out.toString()), Duration.ofSeconds(10),
                stdin -> stdin.write(new byte[3_000_000]));

        assertThat(java.nio.file.Files.size(out)).isEqualTo(3_000_000);
    }

    @Test
    void aFedCommandThatStopsReadingFailsWithItsOwnExitCodeAndStderr() {
        assertThatThrownBy(() -> runner.feed(List.of("sh", "-c", "echo 'bad input' >&2; exit 4"), Duration.ofSeconds(10),
                stdin -> stdin.write(new byte[3_000_000])))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageContaining("exited with code 4").hasMessageContaining("bad input");
    }

    /** The mix feeds the encoder from its reader: when the mix itself fails, its own reason is reported. */
    @Test
    void whenTheReadCommandFailsItsReasonWinsOverWhatItsReaderThrew() {
        assertThatThrownBy(() -> runner.run(List.of("sh", "-c", "echo 'matches no streams' >&2; exit 1"),
                Duration.ofSeconds(10), stdout -> {
                    stdout.readAllBytes();
                    throw new MediaProcessingException("the encoder got no input");
                }))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageContaining("exited with code 1").hasMessageContaining("matches no streams");
    }
}
