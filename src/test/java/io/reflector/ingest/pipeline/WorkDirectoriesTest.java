package io.reflector.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A work directory outlives its run only until the next start or sweep of its instance. */
class WorkDirectoriesTest {
    @TempDir
    Path dataDir;

    @Test
    void theDirectoriesOfRunsNotRunningHereGoAndTheLiveRunsKeepTheirs() throws Exception {
        WorkDirectories directories = new WorkDirectories(dataDir.resolve("work"));
        RunRef live = new RunRef("transcript-a", 2, "recording-a", "bucket");
        RunRef dead = new RunRef("transcript-b", 1, "recording-b", "bucket");
        Path liveDir = directories.create(live);
        Path deadDir = directories.create(dead);
        Files.writeString(liveDir.resolve("source_0.webm"), "live");
        Files.writeString(deadDir.resolve("padded_0.webm"), "left by a JVM that died");

        assertThat(directories.removeAllBut(Set.of(live))).containsExactly(deadDir);

        assertThat(deadDir).doesNotExist();
        assertThat(liveDir.resolve("source_0.webm")).hasContent("live");
    }

    @Test
    void noWorkDirectoryYetIsNothingToRemove() {
        assertThat(new WorkDirectories(dataDir.resolve("work")).removeAllBut(Set.of())).isEmpty();
    }
}
