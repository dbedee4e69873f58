package io.captchafeedback.task;

/**
 * What the target site did with a token, as decided by the outcome rules.
 *
 * <p>Only {@link #ACCEPTED} (where the provider takes positive reports) and {@link #REJECTED_CAPTCHA}
 * lead to feedback. {@link #REJECTED_OTHER} exists so that a refusal that was not the token's fault
 * (wrong password, rate limit, blocked IP) never becomes a complaint.
 *
 * <p>Immutable and thread-safe.
 */
public enum Outcome {
    /** The site accepted the token: positive feedback where the provider supports it. */
    ACCEPTED,
    /** The site refused the token itself: negative feedback. */
    REJECTED_CAPTCHA,
    /** The site refused for another reason (credentials, validation, rate limit): no feedback. */
    REJECTED_OTHER,
    /** No rule matched before the timeout: no feedback. */
    UNKNOWN;

    /** Whether a verdict with this outcome leads to a feedback call. */
    public boolean sendsFeedback() {
        return this == ACCEPTED || this == REJECTED_CAPTCHA;
    }
}
