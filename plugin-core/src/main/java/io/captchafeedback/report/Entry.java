package io.captchafeedback.report;

import io.captchafeedback.task.Feedback;
import java.util.concurrent.CompletableFuture;

/** One feedback on its way: what the outbox stores plus the futures of its handle. */
final class Entry {
    final long hash;
    final Feedback feedback;
    final String site;
    final long enqueuedAt;
    final long deadline;
    final long startNanos;
    final CompletableFuture<Void> durable = new CompletableFuture<>();
    final CompletableFuture<Delivery> delivery = new CompletableFuture<>();
    /** Attempts made; only touched by the thread that currently owns the entry's delivery. */
    int attempts;
    /** Whether an attempt record was written (a request may have gone out, in this run or an earlier one). */
    volatile boolean attempted;
    /** Whether this entry holds a place in the outbox queue (writer thread only). */
    boolean holdsRoom;
    /** Attempt records found for it when the log was read (for listing; not used for delivery). */
    int loggedAttempts;
    /** Whether it waits for its breaker to close (written under the reporter's lock). */
    volatile boolean held;
    /** Whether a shared outbox already had its key, stored by another worker (set before {@link #durable} completes). */
    volatile boolean storedElsewhere;

    Entry(long hash, Feedback feedback, String site, long enqueuedAt, long deadline, long startNanos) {
        this.hash = hash;
        this.feedback = feedback;
        this.site = site;
        this.enqueuedAt = enqueuedAt;
        this.deadline = deadline;
        this.startNanos = startNanos;
    }

    String providerId() {
        return feedback.task().providerId();
    }

    @Override
    public String toString() {
        return "Entry[" + feedback.task().key() + ", accepted=" + feedback.accepted() + "]";
    }
}
