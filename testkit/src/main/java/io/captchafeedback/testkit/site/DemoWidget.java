package io.captchafeedback.testkit.site;

import io.captchafeedback.task.CaptchaType;

/**
 * The captcha widgets the {@link DemoSite} protects its pages with: local stand-ins that mimic the public
 * client API of the real widget, served from the demo site's {@code /static/}.
 *
 * <pre>{@code
 * driver.get(site.url(DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.INLINE_ERROR)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum DemoWidget {
    /** reCAPTCHA v2 checkbox: {@code .g-recaptcha} with {@code data-callback}, {@code textarea[name=g-recaptcha-response]}. */
    RECAPTCHA_V2("recaptcha-v2", "reCAPTCHA v2 checkbox", CaptchaType.RECAPTCHA_V2, "g-recaptcha-response",
            "/static/recaptcha/api.js", "grecaptcha.reset()", "6LeDemoSiteKey-recaptcha-v2-checkbox"),
    /** reCAPTCHA v2 invisible, bound to the submit button; its {@code data-callback} submits the form. */
    RECAPTCHA_V2_INVISIBLE("recaptcha-v2-invisible", "reCAPTCHA v2 invisible", CaptchaType.RECAPTCHA_V2_INVISIBLE,
            "g-recaptcha-response", "/static/recaptcha/api.js", "grecaptcha.reset()",
            "6LeDemoSiteKey-recaptcha-v2-invisible"),
    /** reCAPTCHA v3: the page awaits {@code grecaptcha.execute(siteKey, {action: 'login'})} on submit. */
    RECAPTCHA_V3("recaptcha-v3", "reCAPTCHA v3", CaptchaType.RECAPTCHA_V3, "g-recaptcha-response",
            "/static/recaptcha/api.js", "grecaptcha.reset()", "6LeDemoSiteKey-recaptcha-v3"),
    /** hCaptcha: {@code .h-captcha}, {@code textarea[name=h-captcha-response]} and the mirrored {@code g-recaptcha-response}. */
    HCAPTCHA("hcaptcha", "hCaptcha", CaptchaType.HCAPTCHA, "h-captcha-response", "/static/hcaptcha.js",
            "hcaptcha.reset()", "10000000-ffff-ffff-ffff-000000000001"),
    /** Cloudflare Turnstile: {@code .cf-turnstile}, {@code input[name=cf-turnstile-response]}. */
    TURNSTILE("turnstile", "Cloudflare Turnstile", CaptchaType.TURNSTILE, "cf-turnstile-response",
            "/static/turnstile.js", "turnstile.reset()", "0x4AAAAAAADemoSiteKey"),
    /** FunCaptcha / Arkose: {@code #FunCaptcha-Token} (posted as {@code fc-token}) and {@code #verification-token}. */
    FUNCAPTCHA("funcaptcha", "FunCaptcha (Arkose Labs)", CaptchaType.FUNCAPTCHA, "fc-token", "/static/funcaptcha.js",
            "funcaptcha.reset()", "DEMO0000-FUNC-APTC-HAPK-000000000001");

    private final String path;
    private final String label;
    private final CaptchaType captchaType;
    private final String responseField;
    private final String script;
    private final String resetCall;
    private final String siteKey;

    DemoWidget(String path, String label, CaptchaType captchaType, String responseField, String script,
            String resetCall, String siteKey) {
        this.path = path;
        this.label = label;
        this.captchaType = captchaType;
        this.responseField = responseField;
        this.script = script;
        this.resetCall = resetCall;
        this.siteKey = siteKey;
    }

    /** The first path segment of its pages, e.g. {@code recaptcha-v2-invisible}. */
    public String path() {
        return path;
    }

    /** A human-readable name. */
    public String label() {
        return label;
    }

    /** The captcha type a provider solves for it. */
    public CaptchaType captchaType() {
        return captchaType;
    }

    /** The form field the site reads the token from, e.g. {@code g-recaptcha-response}, {@code fc-token}. */
    public String responseField() {
        return responseField;
    }

    /** The path of its stand-in script on the demo site. */
    public String script() {
        return script;
    }

    /** The JavaScript call a page makes to reset the widget after the server refused its token. */
    public String resetCall() {
        return resetCall;
    }

    /** The site key (public key) its pages use. */
    public String siteKey() {
        return siteKey;
    }

    /**
     * A CSS selector that matches once the stand-in has rendered what an injection writes to: its
     * response field (the badge for reCAPTCHA v3, which has no field before it runs).
     */
    public String renderedSelector() {
        return switch (this) {
            case RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE -> "textarea[name=g-recaptcha-response]";
            case RECAPTCHA_V3 -> ".grecaptcha-badge";
            case HCAPTCHA -> "textarea[name=h-captcha-response]";
            case TURNSTILE -> "input[name=cf-turnstile-response]";
            case FUNCAPTCHA -> "#FunCaptcha-Token";
        };
    }

    /** A JavaScript expression that is true once the stand-in is ready for an injection. */
    public String readyExpression() {
        return (this == RECAPTCHA_V3 ? "!!window.grecaptcha && " : "") + "!!document.querySelector('" + renderedSelector() + "')";
    }

    /** The widget whose {@link #path()} is {@code path}, or {@code null}. */
    static DemoWidget byPath(String path) {
        for (DemoWidget w : values()) {
            if (w.path.equals(path)) {
                return w;
            }
        }
        return null;
    }
}
