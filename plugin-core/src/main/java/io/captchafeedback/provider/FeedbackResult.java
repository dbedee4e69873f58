package io.captchafeedback.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one feedback call, as typed by the provider adapter from the provider's answer.
 * Adapters never throw for a provider's answer or a transport failure; they return one of these.
 *
 * <pre>{@code
 * switch (result) {
 *     case FeedbackResult.Delivered d -> ...
 *     case FeedbackResult.AlreadyRecorded a -> ...      // counts as delivered
 *     case FeedbackResult.Refused r -> ...              // final: r.reason()
 *     case FeedbackResult.BadKey b -> ...               // disable the provider, loudly
 *     case FeedbackResult.Retryable r -> ...            // r.retryAfter()
 *     case FeedbackResult.Unsupported u -> ...          // nothing was sent
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
     * @param reason what happened, for logs (never contains the key)
     * @param retryAfter the delay the provider asked for (HTTP {@code Retry-After}), or {@code null}
     */
    record Retryable(String reason, Duration retryAfter) implements FeedbackResult {
        public Retryable {
            Objects.requireNonNull(reason, "reason == null");
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
