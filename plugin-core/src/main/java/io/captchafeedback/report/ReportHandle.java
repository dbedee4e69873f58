package io.captchafeedback.report;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The receipt of one {@link FeedbackReporter#report(io.captchafeedback.task.SolvedTask, io.captchafeedback.task.Verdict)}
 * call, returned at once: {@link #durable()} completes when the verdict is on disk in the outbox
 * (at once for verdicts that send nothing), {@link #result()} and {@link #delivery()} when its
 * delivery is decided.
 *
 * <pre>{@code
 * ReportHandle handle = reporter.report(task, verdict);
 * handle.durable().join();                       // survives a crash from here on
 * DeliveryStatus status = handle.result().join(); // DELIVERED, EXPIRED, ...
 * }</pre>
 *
 * <p>The futures never complete exceptionally except when the outbox cannot be written (then
 * {@link #durable()} fails with the I/O error). Each call returns a copy: completing it has no effect
 * on the reporter. Immutable and thread-safe.
 */
public final class ReportHandle {
    private final String key;
    private final CompletableFuture<Void> durable;
    private final CompletableFuture<Delivery> delivery;
    private final BooleanSupplier held;

    ReportHandle(String key, CompletableFuture<Void> durable, CompletableFuture<Delivery> delivery) {
        this(key, durable, delivery, () -> false);
    }

    ReportHandle(String key, CompletableFuture<Void> durable, CompletableFuture<Delivery> delivery, BooleanSupplier held) {
        this.key = Objects.requireNonNull(key, "key == null");
        this.durable = Objects.requireNonNull(durable, "durable == null");
        this.delivery = Objects.requireNonNull(delivery, "delivery == null");
        this.held = Objects.requireNonNull(held, "held == null");
    }

    /**
     * Whether this negative report is {@link DeliveryStatus#HELD held} in the outbox by an open breaker right
     * now; its delivery completes once it is released (sent or expired) or discarded.
     */
    public boolean held() {
        return !delivery.isDone() && held.getAsBoolean();
    }

    /** A handle decided at once, without a request (skipped, suppressed, expired before sending). */
    static ReportHandle decided(String key, DeliveryStatus status, String why) {
        return new ReportHandle(key, Outbox.completed(),
                CompletableFuture.completedFuture(Delivery.withoutRequest(status, why)));
    }

    /** The task's key, {@code providerId + "/" + taskId}. */
    public String key() {
        return key;
    }

    /** Completes when the verdict is durable (on disk, or nothing to store). */
    public CompletableFuture<Void> durable() {
        return durable.copy();
    }

    /** Completes with the final status of this report. */
    public CompletableFuture<DeliveryStatus> result() {
        return delivery.thenApply(Delivery::status);
    }

    /** Completes with the final status, the provider's answer, the attempts and the latency of this report. */
    public CompletableFuture<Delivery> delivery() {
        return delivery.copy();
    }

    @Override
    public String toString() {
        return "ReportHandle[" + key + ", durable=" + durable.isDone() + ", result="
                + (delivery.isDone() ? delivery.getNow(null).status() : held() ? DeliveryStatus.HELD : "pending") + "]";
    }
}
