package io.captchafeedback.report;

import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.provider.FeedbackResult;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Observes a {@link FeedbackReporter}. Every method has an empty default; override what you need.
 * Listeners observe, they cannot change delivery. They are called on the reporter's threads, so they
 * must be fast and thread-safe; an exception thrown by a listener is logged and swallowed.
 *
 * <pre>{@code
 * FeedbackReporter.builder().listener(new ReportListener() {
 *     @Override public void onBreakerOpened(String provider, String site, double rate) {
 *         log.warn("breaker open: {} rejects {} of the tokens on {}", provider, rate, site);
 *     }
 * });
 * }</pre>
 */
public interface ReportListener {

    /** A listener that does nothing. */
    ReportListener NONE = new ReportListener() {
    };

    /**
     * A verdict was reported (every call of {@link FeedbackReporter#report}, whatever it sends), before
     * anything else is decided about it.
     */
    default void onVerdict(SolvedTask task, Verdict verdict) {
    }

    /** The provider has the feedback ({@code alreadyRecorded}: it had it before). */
    default void onDelivered(Feedback feedback, boolean alreadyRecorded, int attempts, Duration latency) {
    }

    /** A retryable failure; the feedback is tried again after {@code delay}. */
    default void onRetry(Feedback feedback, int attempt, Duration delay, String reason) {
    }

    /** The provider refused the feedback for good, or refused the key ({@link FeedbackResult.BadKey}). */
    default void onFailed(Feedback feedback, FeedbackResult result) {
    }

    /** The report window (or the retry policy's maximum duration) closed before delivery. */
    default void onExpired(Feedback feedback) {
    }

    /**
     * A verdict that sends nothing: no feedback for it, the provider takes no such report, unknown
     * provider, duplicate, breaker open. {@code verdict} is {@code null} when the decision came after
     * {@code report()} returned (an entry replayed from the outbox, a breaker that opened meanwhile).
     */
    default void onSkipped(SolvedTask task, Verdict verdict, DeliveryStatus status, String reason) {
    }

    /**
     * A negative report is held in the outbox because the breaker of its (provider, site) is open; it is
     * sent when the breaker closes (if still in its window) or on {@link FeedbackReporter#release}.
     */
    default void onHeld(Feedback feedback, String site) {
    }

    /**
     * A request went out and its answer was lost (or the process died first); the provider may have
     * recorded it, and repeating it could count twice, so it completes as {@link DeliveryStatus#UNCERTAIN}.
     */
    default void onUncertain(Feedback feedback, int attempts, String reason) {
    }

    /** Dry-run mode: what would have been sent. */
    default void onDryRun(Feedback feedback) {
    }

    /** Negative reports for this (provider, site) are paused. */
    default void onBreakerOpened(String providerId, String site, double rejectionRate) {
    }

    /** Negative reports for this (provider, site) resume. */
    default void onBreakerClosed(String providerId, String site) {
    }

    /** The provider refused the key; nothing more is sent to it and its entries stay in the outbox. */
    default void onProviderDisabled(String providerId, String code, String description) {
    }

    /** A corrupted stretch of the outbox file was found; the readable records around it were kept. */
    default void onOutboxCorrupted(Path file, long offset, String reason) {
    }
}
