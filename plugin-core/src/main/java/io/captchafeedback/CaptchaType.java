package io.captchafeedback;

/**
 * The kinds of CAPTCHA a solving provider produces answers for.
 *
 * <p>The type decides how a token is injected into a page and, at some providers, which report
 * endpoint takes the feedback (Anti-Captcha has one per type).
 *
 * <pre>{@code
 * SolvedTask task = SolvedTask.of("ucaptcha", taskId, CaptchaType.TURNSTILE, token);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum CaptchaType {
    /** reCAPTCHA v2 with the visible checkbox. */
    RECAPTCHA_V2,
    /** reCAPTCHA v2 invisible (bound to a button or run by {@code grecaptcha.execute()}). */
    RECAPTCHA_V2_INVISIBLE,
    /** reCAPTCHA v3 (score based, the site awaits {@code grecaptcha.execute(siteKey, {action})}). */
    RECAPTCHA_V3,
    /** reCAPTCHA Enterprise (v2 or v3 flavour, {@code grecaptcha.enterprise.*}). */
    RECAPTCHA_ENTERPRISE,
    /** hCaptcha. */
    HCAPTCHA,
    /** Cloudflare Turnstile. */
    TURNSTILE,
    /** FunCaptcha / Arkose Labs. */
    FUNCAPTCHA,
    /** A classic image CAPTCHA (text typed from a picture). */
    IMAGE;

    /** Whether the answer is a token handed to a widget (every type except {@link #IMAGE}). */
    public boolean isToken() {
        return this != IMAGE;
    }

    /** Whether this is one of the reCAPTCHA flavours. */
    public boolean isRecaptcha() {
        return this == RECAPTCHA_V2 || this == RECAPTCHA_V2_INVISIBLE
                || this == RECAPTCHA_V3 || this == RECAPTCHA_ENTERPRISE;
    }
}
