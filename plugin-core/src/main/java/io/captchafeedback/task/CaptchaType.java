package io.captchafeedback.task;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of CAPTCHA a solving provider produces answers for.
 *
 * <p>The type decides how a token is injected into a page and, at some providers, which report
 * endpoint takes the feedback (Anti-Captcha has one per type, CapMonster Cloud takes token complaints
 * for some types only; see {@code docs/providers.md}).
 *
 * <p>The first eight types are handled in pages by the library (the seven token types are injected and
 * detected, image answers are typed). The next six
 * ({@link #GEETEST_V3} to {@link #MTCAPTCHA}) are reported like any other, but the library does not
 * inject or detect their widgets yet: {@link #isInjectable()} is {@code false} and an injection
 * attempt fails with a message saying so. Anything else a provider solves is {@link #OTHER}; the
 * provider's own task type name then travels in {@link SolvedTask#providerTaskType()}.
 *
 * <pre>{@code
 * SolvedTask task = SolvedTask.of("ucaptcha", taskId, CaptchaType.TURNSTILE, token);
 * CaptchaType.fromTaskType("GeeTestTaskProxyless");   // Optional[GEETEST_V3] (v4 needs version: 4)
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
    IMAGE,
    /** GeeTest v3 (challenge / validate / seccode). Reported, not injected. */
    GEETEST_V3,
    /** GeeTest v4 (captcha_id / lot_number / pass_token ...). Reported, not injected. */
    GEETEST_V4,
    /** AWS WAF CAPTCHA (the answer is an {@code aws-waf-token} cookie value). Reported, not injected. */
    AWS_WAF,
    /** Friendly Captcha. Reported, not injected. */
    FRIENDLY_CAPTCHA,
    /** Yandex SmartCaptcha. Reported, not injected. */
    YANDEX_SMARTCAPTCHA,
    /** MTCaptcha. Reported, not injected. */
    MTCAPTCHA,
    /**
     * Any other task a provider solves (DataDome, Prosopo, a provider-specific task...): the provider's
     * own type name is kept in {@link SolvedTask#providerTaskType()}. Reported only where the provider
     * takes reports whatever the type; never injected.
     */
    OTHER;

    /** Whether the answer is a token handed to a widget (every type except {@link #IMAGE}). */
    public boolean isToken() {
        return this != IMAGE;
    }

    /** Whether this is one of the reCAPTCHA flavours. */
    public boolean isRecaptcha() {
        return this == RECAPTCHA_V2 || this == RECAPTCHA_V2_INVISIBLE
                || this == RECAPTCHA_V3 || this == RECAPTCHA_ENTERPRISE;
    }

    /** Whether this is GeeTest v3 or v4. */
    public boolean isGeeTest() {
        return this == GEETEST_V3 || this == GEETEST_V4;
    }

    /**
     * Whether the library can inject this type's token into a page (the first seven token types).
     * The others are reported but not injected yet.
     */
    public boolean isInjectable() {
        return ordinal() < IMAGE.ordinal();
    }

    /**
     * The type of a provider task type name as written in {@code createTask} ({@code task.type}), at
     * uCaptcha, reGOTCHA, CapSolver, 2Captcha, Anti-Captcha or CapMonster Cloud; proxy suffixes
     * ({@code Proxyless}, {@code ProxyLess}) and case are ignored. Empty when the
     * name is not one of the known families (use {@link #OTHER} and keep the name).
     *
     * <p>GeeTest task names do not say the version (it is the task's {@code version} field): they map
     * to {@link #GEETEST_V3} unless the name says v4.
     */
    public static Optional<CaptchaType> fromTaskType(String taskType) {
        if (taskType == null || taskType.isBlank()) {
            return Optional.empty();
        }
        String n = taskType.trim().toLowerCase(Locale.ROOT).replace("proxyless", "").replace("task", "")
                .replace("_", "").replace("-", "");
        CaptchaType type;
        if (n.contains("recaptchav2enterprise") || n.contains("recaptchav3enterprise")
                || n.contains("recaptchaenterprise")) {
            type = RECAPTCHA_ENTERPRISE;
        } else if (n.contains("recaptchav3")) {
            type = RECAPTCHA_V3;
        } else if (n.contains("recaptchav2") || n.equals("nocaptcha") || n.equals("recaptcha")) {
            type = RECAPTCHA_V2;
        } else if (n.contains("hcaptcha")) {
            type = HCAPTCHA;
        } else if (n.contains("turnstile")) {
            type = TURNSTILE;
        } else if (n.contains("funcaptcha")) {
            type = FUNCAPTCHA;
        } else if (n.contains("geetestv4") || n.contains("geetest4")) {
            type = GEETEST_V4;
        } else if (n.contains("geetest")) {
            type = GEETEST_V3;
        } else if (n.contains("awswaf") || n.equals("antiawswaf") || n.equals("amazon")) {
            type = AWS_WAF;
        } else if (n.contains("friendlycaptcha")) {
            type = FRIENDLY_CAPTCHA;
        } else if (n.contains("yandex") || n.contains("smartcaptcha")) {
            type = YANDEX_SMARTCAPTCHA;
        } else if (n.contains("mtcaptcha")) {
            type = MTCAPTCHA;
        } else if (n.equals("image") || n.equals("imagetotext") || n.equals("imageto")) {
            type = IMAGE;
        } else {
            return Optional.empty();
        }
        return Optional.of(type);
    }
}
