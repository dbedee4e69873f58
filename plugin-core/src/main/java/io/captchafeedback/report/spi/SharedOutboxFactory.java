package io.captchafeedback.report.spi;

/**
 * Opens a {@link SharedOutbox} for a URL of the configuration ({@code reporter.outbox:
 * jdbc:postgresql://...}); found through {@link java.util.ServiceLoader}, so that plugin-core needs no
 * database driver. A module registers its factory in
 * {@code META-INF/services/io.captchafeedback.report.spi.SharedOutboxFactory}. The {@code postgres-outbox}
 * module's factory:
 *
 * <pre>{@code
 * import io.captchafeedback.postgres.PostgresOutbox;
 *
 * public final class PostgresOutboxFactory implements SharedOutboxFactory {
 *     public boolean accepts(String url) { return url.startsWith("jdbc:postgresql:"); }
 *     public SharedOutbox open(String url, String user, String password, int poolSize) {
 *         return PostgresOutbox.builder(url, user, password).poolSize(poolSize).build();
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface SharedOutboxFactory {

    /** Whether this factory opens {@code url}. */
    boolean accepts(String url);

    /**
     * Opens (and creates or migrates the schema of) the outbox at {@code url}; {@code user} and
     * {@code password} may be {@code null} (then taken from the URL). The password is never stored or logged.
     */
    SharedOutbox open(String url, String user, String password, int poolSize);
}
