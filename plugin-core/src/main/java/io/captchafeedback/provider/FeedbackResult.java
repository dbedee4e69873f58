package io.captchafeedback.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one feedback call, as typed by the provider adapter from the provider's answer.
 * Adapters never throw for a provider's answer or a transport failure; they return one of these.
 *
 * <!-- java: given FeedbackResult result -->
 * <pre>{@code
 * if (result instanceof FeedbackResult.Delivered || result instanceof FeedbackResult.AlreadyRecorded) {
 *     // delivered (already recorded counts as delivered)
 * } else if (result instanceof FeedbackResult.Refused r) {
 *     // final: r.reason()
 * } else if (result instanceof FeedbackResult.BadKey) {
 *     // disable the provider, loudly
 * } else if (result instanceof FeedbackResult.Retryable r) {
 *     // r.retryAfter()
 * } else if (result instanceof FeedbackResult.Unsupported) {
 *     // nothing was sent
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface FeedbackResult {

    /** Whether the provider has the feedback (delivered now or already recorded before). */
    default boolean isDelivered() {
        return this instanceof Delivered || this instanceof AlreadyRecorded;
    }

    /** Whether trying again cannot change the result. */
    default boolean isFinal() {
        return !(this instanceof Retryable);
    }

    /** The provider recorded the feedback. */
    record Delivered(String message) implements FeedbackResult {
        public Delivered {
            message = message == null ? "" : message;
        }
    }

    /** The provider already had feedback for this task (idempotent success). */
    record AlreadyRecorded(String code) implements FeedbackResult {
        public AlreadyRecorded {
            Objects.requireNonNull(code, "code == null");
        }
    }

    /** Why a provider refused a feedback for good. */
    enum RefusalReason {
        /** The report window has passed. */
        EXPIRED,
        /** The provider does not know the task (or it belongs to another key). */
        UNKNOWN_TASK,
        /** The request was malformed: a bug on our side, surfaced, not retried. */
        INVALID_DATA,
        /** The provider declined to record it (2Captcha: too many complaints or too late). */
        NOT_RECORDED,
        /** Any other documented final error. */
        OTHER
    }

    /** The provider refused the feedback for good; not retried. */
    record Refused(RefusalReason reason, String code, String description) implements FeedbackResult {
        public Refused {
            Objects.requireNonNull(reason, "reason == null");
            code = code == null ? "" : code;
            description = description == null ? "" : description;
        }
    }

    /** The provider refused the API key: the provider must be disabled and the user told. */
    record BadKey(String code, String description) implements FeedbackResult {
        public BadKey {
            code = code == null ? "" : code;
            description = description == null ? "" : description;
        }
    }

    /**
     * A failure worth trying again: HTTP 5xx or 429, a timeout, a connection failure, an answer that
     * is not the provider's JSON.
     *
     * <p>{@code mayHaveReachedProvider} tells the reporter whether the provider may have recorded the
     * report although no answer said so: the request could have been written and then the connection
     * broke, was reset, or timed out waiting for the answer. A provider that documents no answer to a
     * repeated report is then not sent it again (the report ends {@code UNCERTAIN}: at most once). It is
     * {@code false} when the request surely was not recorded: the connection was refused or never opened,
     * the call never started, or an HTTP answer came (5xx, 429, a page that is not the provider's JSON:
     * the provider or its front answered without recording, so sending again is how a report survives an
     * outage).
     *
     * <!-- java: given Duration retryAfter -->
     * <pre>{@code
     * FeedbackResult answered = FeedbackResult.Retryable.notRecorded("HTTP 503", retryAfter); // an answer: try again
     * FeedbackResult unanswered = FeedbackResult.Retryable.mayHaveReached("timeout after 10s"); // sent, no answer
     * }</pre>
     *
     * @param reason what happened, for logs (never contains the key)
     * @param retryAfter the delay the provider asked for (HTTP {@code Retry-After}), or {@code null}
     * @param mayHaveReachedProvider whether the request may have been recorded (see above)
     */
    record Retryable(String reason, Duration retryAfter, boolean mayHaveReachedProvider) implements FeedbackResult {
        public Retryable {
            Objects.requireNonNull(reason, "reason == null");
        }

        /**
         * The form from before the flag: a failure with a {@code Retry-After} was answered (not recorded),
         * any other may have reached the provider (the safe assumption for at-most-once).
         */
        public Retryable(String reason, Duration retryAfter) {
            this(reason, retryAfter, retryAfter == null);
        }

        /** A failure where the provider surely did not record the report (no connection, or an HTTP answer). */
        public static Retryable notRecorded(String reason, Duration retryAfter) {
            return new Retryable(reason, retryAfter, false);
        }

        /** A failure after the request could have been written: the provider may have recorded it. */
        public static Retryable mayHaveReached(String reason) {
            return new Retryable(reason, null, true);
        }

        /** The delay the provider asked for, if any. */
        public Optional<Duration> requestedDelay() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** The provider cannot take this report (no endpoint for it); nothing was sent. */
    record Unsupported(String reason) implements FeedbackResult {
        public Unsupported {
            Objects.requireNonNull(reason, "reason == null");
        }
    }
}
