package io.captchafeedback.report.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An outbox shared by many reporters (a fleet of workers in many processes), such as the PostgreSQL
 * outbox of the {@code postgres-outbox} module. Each stored feedback is <em>claimed</em> by one worker
 * for a lease that the worker renews while it runs; a worker sends only what it holds a claim on, and
 * checks its claim ({@link #attempt}) right before each request, so that one worker sends a given entry.
 * A key (provider id, task id) is stored once fleet-wide; a second {@link #insert} of it answers
 * {@code false}. Entries of a worker whose lease ran out (it died) are handed to another worker through
 * the consumer given to {@link #start}. A store may also keep the fleet's breaker counts ({@link
 * #syncBreakers}) and figures ({@link #fleetCounts}); one that does not leaves them per worker.
 *
 * <!-- java: given javax.sql.DataSource dataSource -->
 * <pre>{@code
 * import io.captchafeedback.postgres.PostgresOutbox;
 *
 * FeedbackReporter reporter = FeedbackReporter.builder().registry(registry)
 *         .sharedOutbox(PostgresOutbox.builder(dataSource).build())
 *         .build();
 * }</pre>
 *
 * <p>Implementations are thread-safe; their futures complete on their own threads, and never block
 * the caller for long: a store that is down is retried within a bound, then the future fails.
 */
public interface SharedOutbox extends AutoCloseable {

    /**
     * Stores the feedback, claimed by this worker. Completes with {@code true} when it was stored,
     * {@code false} when its key is already stored (by any worker).
     */
    CompletableFuture<Boolean> insert(StoredFeedback feedback);

    /**
     * Records that a request for {@code key} is about to go out and renews the claim. Completes with
     * {@code false} when this worker no longer holds the claim (it was taken over): nothing may be sent.
     */
    CompletableFuture<Boolean> attempt(long key);

    /** Records that an open breaker holds {@code key}, so that a worker taking it over holds it too. */
    void hold(long key);

    /**
     * Records the decision on {@code key} ({@code status}: a {@code DeliveryStatus} name) and keeps the key
     * until {@code retainUntil} (epoch milliseconds), so that the fleet does not store it again before.
     */
    CompletableFuture<Void> done(long key, long retainUntil, String status);

    /**
     * Starts renewing this worker's claims and taking over those of dead workers; entries taken over are
     * passed to {@code takenOver} (on the outbox's thread; it must return quickly).
     */
    void start(Consumer<List<StoredFeedback>> takenOver);

    /** Where the outbox is, for log lines: a URL without user or password. */
    String location();

    /**
     * How many entries of the whole fleet wait for a decision, or -1 when unknown (read from the store;
     * may block shortly).
     */
    default long depth() {
        return -1;
    }

    /**
     * Exchanges breaker figures with the fleet (see {@link BreakerSync}): adds this worker's verdict counts and
     * openings, and answers the fleet's. Completes with {@code null} when the store keeps no breaker figures
     * (the default): each worker's breakers then count only its own verdicts. Runs on the outbox's threads;
     * the future fails when the store cannot be reached within its bound.
     */
    default CompletableFuture<BreakerSync.Answer> syncBreakers(BreakerSync sync) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The fleet's figures per (provider, site, status), read from the store, or {@code null} when the store
     * keeps none (the default). Runs on the outbox's threads; may take a while on a large store.
     */
    default CompletableFuture<List<FleetCount>> fleetCounts() {
        return CompletableFuture.completedFuture(null);
    }

    /** Gives up this worker's claims on what it did not decide (others take them at once) and closes. */
    @Override
    void close();
}
