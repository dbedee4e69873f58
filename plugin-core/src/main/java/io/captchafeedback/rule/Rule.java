package io.captchafeedback.rule;

import io.captchafeedback.task.Outcome;
import java.util.Objects;

/**
 * One outcome rule: when its condition holds, the verdict is decided (if no earlier rule of the set
 * holds too).
 *
 * <pre>{@code
 * Rule rule = Rule.of("captcha-refused", Condition.widgetReset(), Outcome.REJECTED_CAPTCHA)
 *         .withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "The site reset the widget");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the rule's name, shown in the evidence; not blank
 * @param when the condition
 * @param verdict {@link Outcome#ACCEPTED}, {@link Outcome#REJECTED_CAPTCHA} or {@link Outcome#REJECTED_OTHER}
 * @param feedbackCode the code to send with the feedback, or {@code null}
 * @param feedbackMessage the message to send with the feedback, or {@code null} for the default
 */
public record Rule(String name, Condition when, Outcome verdict, String feedbackCode, String feedbackMessage) {

    public Rule {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(when, "when == null");
        Objects.requireNonNull(verdict, "verdict == null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
        if (verdict == Outcome.UNKNOWN) {
            throw new IllegalArgumentException("rule '" + name
                    + "': the verdict must be ACCEPTED, REJECTED_CAPTCHA or REJECTED_OTHER (UNKNOWN is what no match gives)");
        }
    }

    /** A rule without feedback code or message. */
    public static Rule of(String name, Condition when, Outcome verdict) {
        return new Rule(name, when, verdict, null, null);
    }

    /** This rule with a feedback code and message (either may be {@code null}). */
    public Rule withFeedback(String code, String message) {
        return new Rule(name, when, verdict, code, message);
    }
}
