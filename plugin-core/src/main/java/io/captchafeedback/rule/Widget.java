package io.captchafeedback.rule;

import java.util.Locale;
import java.util.Optional;

/**
 * The captcha widgets whose in-page API the widget hooks watch.
 *
 * <pre>{@code
 * Condition c = Condition.widgetReset(Widget.RECAPTCHA, Widget.TURNSTILE);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum Widget {
    /** Google reCAPTCHA ({@code grecaptcha}, including {@code grecaptcha.enterprise}). */
    RECAPTCHA("recaptcha"),
    /** hCaptcha ({@code hcaptcha}). */
    HCAPTCHA("hcaptcha"),
    /** Cloudflare Turnstile ({@code turnstile}). */
    TURNSTILE("turnstile"),
    /** Arkose Labs / FunCaptcha (the enforcement object's {@code reset}, {@code funcaptcha.reset}). */
    ARKOSE("arkose");

    private final String id;

    Widget(String id) {
        this.id = id;
    }

    /** The name used in rule files and by the in-page hooks: {@code recaptcha}, {@code hcaptcha}, {@code turnstile}, {@code arkose}. */
    public String id() {
        return id;
    }

    /**
     * The widget for a name used in rule files or reported by the hooks; {@code recaptcha-enterprise}
     * and {@code grecaptcha} count as {@link #RECAPTCHA}, {@code funcaptcha} as {@link #ARKOSE}.
     */
    public static Optional<Widget> fromId(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("recaptcha") || n.startsWith("grecaptcha")) {
            return Optional.of(RECAPTCHA);
        }
        if (n.equals("hcaptcha")) {
            return Optional.of(HCAPTCHA);
        }
        if (n.equals("turnstile")) {
            return Optional.of(TURNSTILE);
        }
        if (n.equals("arkose") || n.equals("funcaptcha")) {
            return Optional.of(ARKOSE);
        }
        return Optional.empty();
    }
}
