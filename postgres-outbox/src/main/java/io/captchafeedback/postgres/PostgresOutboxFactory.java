package io.captchafeedback.postgres;

import io.captchafeedback.report.spi.SharedOutbox;
import io.captchafeedback.report.spi.SharedOutboxFactory;

/**
 * Opens a {@link PostgresOutbox} for {@code reporter.outbox: jdbc:postgresql://...} in the configuration;
 * registered for {@link java.util.ServiceLoader}.
 *
 * <!-- java: not compiled (YAML) -->
 * <pre>{@code
 * reporter:
 *   outbox: jdbc:postgresql://db:5432/app
 *   outboxUser: ${PGUSER}
 *   outboxPassword: ${PGPASSWORD}
 *   outboxPoolSize: 4
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresOutboxFactory implements SharedOutboxFactory {

    @Override
    public boolean accepts(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public SharedOutbox open(String url, String user, String password, int poolSize) {
        return PostgresOutbox.builder(url, user, password).poolSize(poolSize).build();
    }
}
