package io.captchafeedback.testkit.site;

import io.captchafeedback.task.Outcome;
import java.util.Objects;

/**
 * Pages of the {@link DemoSite} built the way real sites are, each around one pattern that tempts an
 * outcome detector into a false complaint or a missed verdict: a widget reset and a "Wrong password"
 * rendered in one handler, an unrelated {@code /api/phone/verify} failing with 503, two widgets on one
 * page, an error left from a previous attempt, each vendor's own failure wording, and both Arkose Labs
 * client APIs. They live at {@code /patterns/<name>} (listed on {@code /patterns/}), verify tokens
 * against the provider emulator like every demo page, and their outcome rules are in
 * {@link PatternRules}.
 *
 * <pre>{@code
 * SolvedTask task = site.solve(PatternPage.TWO_WIDGETS.widget());   // the login widget's site key
 * driver.get(site.url(PatternPage.TWO_WIDGETS.path()));
 * // inject, then click PatternPage.TWO_WIDGETS.submitSelector() if it has one ...
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum PatternPage {
    /**
     * XHR login with a wrong password pre-filled; on any refusal the handler calls {@code grecaptcha.reset()}
     * and renders the reason in the same turn: "Wrong password" (good token) or "Captcha verification failed"
     * (bad token).
     */
    RESET_WRONG_PASSWORD("reset-wrong-password", DemoWidget.RECAPTCHA_V2, "#sign-in", true,
            Outcome.REJECTED_OTHER, Outcome.REJECTED_CAPTCHA, Outcome.REJECTED_OTHER, Outcome.REJECTED_CAPTCHA),
    /**
     * XHR sign-up; a good token creates the account ("Account created") and the page then asks an
     * unrelated SMS gateway ({@code POST /api/phone/verify}), which fails with 503 {@code {"success": false}}.
     * A bad token gets the relayed siteverify error codes.
     */
    PHONE_VERIFY_503("phone-verify-503", DemoWidget.HCAPTCHA, "#sign-up", false,
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA, Outcome.REJECTED_OTHER, Outcome.REJECTED_CAPTCHA),
    /**
     * A newsletter form with its own reCAPTCHA (site key {@value #NEWSLETTER_SITE_KEY}, whose callback
     * subscribes at once) above the login form's reCAPTCHA (the demo reCAPTCHA v2 key); form POST, inline
     * answer. A token for the login widget must never reach the newsletter.
     */
    TWO_WIDGETS("two-widgets", DemoWidget.RECAPTCHA_V2, "#sign-in", false,
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA, Outcome.UNKNOWN, Outcome.REJECTED_CAPTCHA),
    /**
     * A Turnstile XHR login that still shows "Invalid captcha, please try again" from a previous attempt;
     * a good token shows "Signed in" and leaves the old error on the page, a bad one gets the relayed error
     * codes, the same error again and {@code turnstile.reset()}.
     */
    STALE_ERROR("stale-error", DemoWidget.TURNSTILE, "#sign-in", true,
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA, Outcome.UNKNOWN, Outcome.REJECTED_CAPTCHA),
    /** Form POST; a bad token gets reCAPTCHA's own wording "reCAPTCHA validation failed. Please try again." */
    RECAPTCHA_TEXT("recaptcha-text", DemoWidget.RECAPTCHA_V2, "#sign-in", false,
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA, Outcome.UNKNOWN, Outcome.REJECTED_CAPTCHA),
    /** Form POST; a bad token gets "hCaptcha verification failed. Please try again." */
    HCAPTCHA_TEXT("hcaptcha-text", DemoWidget.HCAPTCHA, "#sign-in", false,
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA, Outcome.UNKNOWN, Outcome.REJECTED_CAPTCHA),
    /** Form POST; a bad token gets "The Turnstile token is invalid or has expired." */
    TURNSTILE_TEXT("turnstile-text", DemoWidget.TURNSTILE, "#sign-in", false,
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA, Outcome.UNKNOWN, Outcome.REJECTED_CAPTCHA),
    /**
     * Arkose Labs' legacy client API: {@code new ArkoseEnforcement({public_key, target_html, callback})}; the
     * callback reads {@code #FunCaptcha-Token} and submits the form (POST); a bad token gets "Arkose Labs
     * verification failed".
     */
    ARKOSE_LEGACY("arkose-legacy", DemoWidget.FUNCAPTCHA, null, false,
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA, Outcome.UNKNOWN, Outcome.REJECTED_CAPTCHA),
    /**
     * Arkose Labs' current client API: {@code api.js} with {@code data-callback="setupEnforcement"} hands the
     * enforcement object to the page, which calls {@code setConfig({selector, mode: 'inline', onCompleted,
     * onReset, onError})}; {@code onCompleted(response)} posts {@code response.token} by XHR. A bad token gets
     * {@code {"success": false, "error": "captcha_invalid"}}, {@code enforcement.reset()} and "Please try the
     * challenge again" in one handler.
     */
    ARKOSE_ENFORCEMENT("arkose-enforcement", DemoWidget.FUNCAPTCHA, null, true,
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA, Outcome.UNKNOWN, Outcome.REJECTED_CAPTCHA);

    /** The site key of the {@link #TWO_WIDGETS} page's newsletter widget. */
    public static final String NEWSLETTER_SITE_KEY = "6LeDemoSiteKey-newsletter";

    private final String name;
    private final DemoWidget widget;
    private final String submit;
    private final boolean racy;
    private final Outcome good;
    private final Outcome bad;
    private final Outcome defaultsGood;
    private final Outcome defaultsBad;

    PatternPage(String name, DemoWidget widget, String submit, boolean racy, Outcome good, Outcome bad,
            Outcome defaultsGood, Outcome defaultsBad) {
        this.name = name;
        this.widget = widget;
        this.submit = submit;
        this.racy = racy;
        this.good = good;
        this.bad = bad;
        this.defaultsGood = defaultsGood;
        this.defaultsBad = defaultsBad;
    }

    /** Its name, the last segment of its path. */
    public String pageName() {
        return name;
    }

    /** Its path on the demo site, {@code /patterns/<name>}. */
    public String path() {
        return "/patterns/" + name;
    }

    /** The widget whose token the page takes (type and site key): solve with {@link DemoSite#solve(DemoWidget)}. */
    public DemoWidget widget() {
        return widget;
    }

    /** The CSS selector of the button that submits after the injection, or {@code null} when the widget's callback submits. */
    public String submitSelector() {
        return submit;
    }

    /** Whether its signals arrive in one burst in an order that may vary (worth repeating in tests). */
    public boolean racy() {
        return racy;
    }

    /** The verdict of a correct rule for a good or a bad token ({@link PatternRules}). */
    public Outcome expectedOutcome(boolean goodToken) {
        return goodToken ? good : bad;
    }

    /**
     * What {@code include: [defaults]} alone decides for a good or a bad token: never
     * {@link Outcome#REJECTED_CAPTCHA} for a good one ({@link Outcome#UNKNOWN} where only a site rule can
     * recognise success).
     */
    public Outcome defaultsOutcome(boolean goodToken) {
        return goodToken ? defaultsGood : defaultsBad;
    }

    static PatternPage byName(String name) {
        for (PatternPage p : values()) {
            if (p.name.equals(Objects.requireNonNull(name))) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return path();
    }
}
