package io.captchafeedback.report.spi;

/**
 * Opens a {@link SharedOutbox} for a URL of the configuration ({@code reporter.outbox:
 * jdbc:postgresql://...}); found through {@link java.util.ServiceLoader}, so that plugin-core needs no
 * database driver. A module registers its factory in
 * {@code META-INF/services/io.captchafeedback.report.spi.SharedOutboxFactory}.
 *
 * <pre>{@code
 * public final class MyFactory implements SharedOutboxFactory {
 *     public boolean accepts(String url) { return url.startsWith("jdbc:mydb:"); }
 *     public SharedOutbox open(String url, String user, String password, int poolSize) { ... }
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
