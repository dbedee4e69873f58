package io.captchafeedback.report;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Optional<DeliveryStatus> soon = handle.awaitDecided(Duration.ofSeconds(5)); // bounded; HELD counts
 * }</pre>
 *
 * <p>The futures never complete exceptionally except when the outbox cannot be written (then
 * {@link #durable()} fails with the I/O error). Each call returns a copy: completing it has no effect
 * on the reporter. Immutable and thread-safe.
 */
public final class ReportHandle {
    private static final long HOLD_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

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

    /**
     * Waits up to {@code timeout} until this report is no longer in flight: its final status once its
     * delivery is decided, or {@link DeliveryStatus#HELD} as soon as an open breaker holds it (a held report
     * completes only when the breaker releases it, or on {@code release}/{@code discard}). Empty when
     * neither happened within the timeout (the report stays in the outbox and is still delivered later),
     * or when the waiting thread is interrupted (its interrupt flag is set again). Never throws.
     *
     * <!-- java: given TaskVerdict taskVerdict -->
     * <pre>{@code
     * if (taskVerdict.report().awaitDecided(Duration.ofSeconds(10)).isEmpty()) {
     *     log.warn("report {} still in flight; it stays in the outbox", taskVerdict.report().key());
     * }
     * }</pre>
     */
    public Optional<DeliveryStatus> awaitDecided(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        long end = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            if (held()) {
                return Optional.of(DeliveryStatus.HELD);
            }
            long left = end - System.nanoTime();
            try {
                // a hold is a flag, not an event: look again every HOLD_CHECK while the delivery is pending
                return Optional.of(delivery.get(Math.max(0, Math.min(left, HOLD_CHECK_NANOS)), TimeUnit.NANOSECONDS).status());
            } catch (TimeoutException e) {
                if (left <= HOLD_CHECK_NANOS) {
                    return held() ? Optional.of(DeliveryStatus.HELD) : Optional.empty();
                }
            } catch (ExecutionException e) {
                return Optional.empty(); // documented not to happen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
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
