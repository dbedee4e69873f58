package io.captchafeedback.report;

import java.util.concurrent.CompletableFuture;

/**
 * What the reporter needs of an outbox: the file {@link Outbox} (the embedded default) or a
 * {@link SharedOutboxLog} over a {@link io.captchafeedback.report.spi.SharedOutbox}. Thread-safe.
 */
interface OutboxLog extends AutoCloseable {

    /** Stores a new entry; {@code entry.durable} completes once it is stored. */
    void append(Entry entry);

    /** Whether the store is late, so that {@code report()} waits for its own record. */
    boolean behind(long slackNanos);

    /** Records that a request is about to go out; completes once recorded, fails when it may not go out. */
    CompletableFuture<Void> attempt(Entry entry);

    /** Records that an open breaker holds the entry. */
    void hold(Entry entry);

    /** Records the decision on an entry; completes once stored. */
    CompletableFuture<Void> done(Entry entry, DeliveryStatus status, long retainUntil);

    /** The longest disk sync so far, in nanoseconds (0 when not measured). */
    long longestForceNanos();

    /** Whether many reporters share it: every request then checks the claim first. */
    boolean shared();

    /** Where it is, for log lines (never with a password). */
    String location();

    @Override
    void close();
}
