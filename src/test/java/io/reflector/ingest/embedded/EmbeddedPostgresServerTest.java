package io.reflector.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL never serves another data directory's rows and never outlives its JVM unnoticed. The
 * orphan is made as it happens: a JVM starts the server on a data directory and dies without stopping it.
 */
class EmbeddedPostgresServerTest {
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path dataDir;
    @TempDir
    Path otherDataDir;

    @Test
    void aPortAnotherProcessHoldsStopsTheStartWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, HOST, port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Embedded PostgreSQL not started: port " + port + " on " + HOST + " is taken by another "
                            + "process (another instance's PostgreSQL?); stop it or set EMBEDDED_POSTGRES_PORT");
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    @Test
    void anOrphanOfThisDataDirectoryIsStoppedAndItsRowsAreServedAgain() throws Exception {
        Orphan orphan = Orphan.leftBy(dataDir);
        assertThat(orphan.process().isAlive()).isTrue();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, HOST, 0)) {
            assertThat(orphan.process().isAlive()).isFalse();
            assertThat(query(server.jdbcUrl(), "select note from left_behind")).containsExactly("written by the orphan");
        }
    }

    @Test
    void anotherDataDirectoryNeverConnectsToAnOrphanOnItsPort() throws Exception {
        Orphan orphan = Orphan.leftBy(dataDir);
        try {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(otherDataDir, HOST, orphan.port()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + orphan.port() + " on " + HOST + " is taken by another process");
            assertThat(otherDataDir.resolve("postgres/postmaster.pid")).doesNotExist();
        } finally {
            EmbeddedPostgresServer.stopOrphan(dataDir.resolve("postgres").toRealPath());
        }
        assertThat(orphan.process().isAlive()).isFalse();
    }

    private static List<String> query(String jdbcUrl, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** A server left running by a JVM that started it on the data directory, wrote a row and died (halt). */
    record Orphan(ProcessHandle process, int port) {
        static Orphan leftBy(Path dataDir) throws Exception {
            Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(), dataDir.toString())
                    .redirectErrorStream(true).start();
            String portLine = null;
            // not read to its end: the server it leaves running may hold the pipe open
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && portLine == null; line = out.readLine()) {
                if (line.startsWith("port ")) {
                    portLine = line;
                }
            }
            assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(portLine).as("the orphan maker's port").isNotNull();
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
            return new Orphan(ProcessHandle.of(pid).orElseThrow(), Integer.parseInt(portLine.substring(5)));
        }
    }

    /** The JVM that dies: starts the server, writes a row, prints the port and halts without stopping it. */
    public static final class OrphanMaker {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), HOST, 0);
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                 Statement statement = connection.createStatement()) {
                statement.execute("create table left_behind (note text)");
                statement.execute("insert into left_behind values ('written by the orphan')");
            }
            System.out.println("port " + server.port());
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
