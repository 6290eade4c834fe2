package io.reflector.ingest.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;

/**
 * The runs' work directories, {@code <data-dir>/work/<transcript id>-run-<n>}: one per run on the instance that
 * runs it. A directory no live run of this instance owns was left by a run whose JVM died or that was dropped; it
 * goes at startup and with every recovery sweep.
 */
@Component
public class WorkDirectories {
    private static final Logger log = LoggerFactory.getLogger(WorkDirectories.class);

    private final Path root;

    @Autowired
    public WorkDirectories(ReflectorProperties properties) {
        this(properties.dataDir().resolve("work"));
    }

    WorkDirectories(Path root) {
        this.root = root;
    }

    Path create(RunRef ref) throws IOException {
        return Files.createDirectories(root.resolve(ref.workDirName()));
    }

    /** @return the directories removed: every one but those of {@code live} runs */
    public List<Path> removeAllBut(Set<RunRef> live) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Set<String> kept = live.stream().map(RunRef::workDirName).collect(Collectors.toSet());
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> stale = dirs.filter(dir -> !kept.contains(dir.getFileName().toString())).toList();
            stale.forEach(WorkDirectories::delete);
            if (!stale.isEmpty()) {
                log.info("Removed {} work director(ies) no live run owns: {}", stale.size(),
                        stale.stream().map(dir -> dir.getFileName().toString()).toList());
            }
            return stale;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Removes one run's directory and everything in it. */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
