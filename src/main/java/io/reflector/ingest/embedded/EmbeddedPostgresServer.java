package io.reflector.ingest.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server whose cluster lives in {@code <data-dir>/postgres} and survives restarts. */
final class EmbeddedPostgresServer implements AutoCloseable {
    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final String host;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String host) {
        this.postgres = postgres;
        this.host = host;
    }

    static EmbeddedPostgresServer start(Path dataDir, String host, int port) {
        try {
            Path cluster = Files.createDirectories(dataDir.resolve("postgres"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(Ports.resolve(port, host))
                    .setServerConfig("listen_addresses", host)
                    // zonky turns it off for test speed; the inbox is our durable hand-off, so commits must be
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedPostgresServer(postgres, host);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
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
}
