package io.captchafeedback.record;

import io.captchafeedback.task.Outcome;
import java.util.Locale;

/**
 * What the user says a recorded run was: the verdict the suggested rules must give it.
 *
 * <pre>{@code Label.parse("rejected")  // REJECTED_CAPTCHA}</pre>
 *
 * <p>Immutable; safe to share between threads.
 */
public enum Label {
    ACCEPTED, REJECTED_CAPTCHA, REJECTED_OTHER, UNLABELLED;

    /** The verdict a rule for this label gives. */
    public Outcome outcome() {
        return switch (this) {
            case ACCEPTED -> Outcome.ACCEPTED;
            case REJECTED_CAPTCHA -> Outcome.REJECTED_CAPTCHA;
            case REJECTED_OTHER -> Outcome.REJECTED_OTHER;
            case UNLABELLED -> Outcome.UNKNOWN;
        };
    }

    /**
     * Reads {@code accepted}, {@code rejected} (a refused captcha), {@code rejected-other} (wrong password and
     * the like) or a verdict name, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Label parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "ACCEPTED", "GOOD" -> ACCEPTED;
            case "REJECTED", "REJECTED_CAPTCHA", "BAD" -> REJECTED_CAPTCHA;
            case "REJECTED_OTHER", "OTHER" -> REJECTED_OTHER;
            case "UNLABELLED", "" -> UNLABELLED;
            default -> throw new IllegalArgumentException("unknown label '" + text
                    + "'; expected one of: accepted, rejected, rejected-other");
        };
    }
}
