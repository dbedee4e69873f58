package io.captchafeedback.task;

import java.util.Objects;

/**
 * The decision about one token: its {@link Outcome}, the {@link Evidence} behind it, and optionally
 * the code and message to send with the feedback (rules may carry them).
 *
 * <pre>{@code
 * Verdict v = Verdict.of(Outcome.REJECTED_CAPTCHA, Evidence.of("invalid-input-response",
 *         Evidence.Observation.of("response", "POST /login 403")));
 * if (v.outcome().sendsFeedback()) {
 *     // ...
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome what the site did
 * @param evidence why the rules decided so
 * @param feedbackCode an optional error code for the provider (uCaptcha {@code result.code}), or {@code null}
 * @param feedbackMessage an optional message for the provider, or {@code null} for the default
 */
public record Verdict(Outcome outcome, Evidence evidence, String feedbackCode, String feedbackMessage) {

    public Verdict {
        Objects.requireNonNull(outcome, "outcome == null");
        Objects.requireNonNull(evidence, "evidence == null");
    }

    /** A verdict without a feedback code or message. */
    public static Verdict of(Outcome outcome, Evidence evidence) {
        return new Verdict(outcome, evidence, null, null);
    }

    /** The default message for this verdict's feedback, used when the rule gave none. */
    public String messageOrDefault() {
        if (feedbackMessage != null) {
            return feedbackMessage;
        }
        return outcome == Outcome.ACCEPTED ? "Solution accepted successfully" : "Token was rejected by the target site";
    }
}
