package io.captchafeedback.testkit.site;

import io.captchafeedback.task.Outcome;

/**
 * How a {@link DemoSite} page reacts to a submitted token, one way real sites do it per page. Each
 * constant documents what the site does with a good and a bad token and which signal an outcome rule
 * should look for; {@link #expectedOutcome(boolean)} is the verdict a correct rule reaches.
 *
 * <pre>{@code
 * for (DemoPage page : DemoSite.pages()) {
 *     Outcome expected = page.reaction().expectedOutcome(false);  // for a bad token
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum DemoReaction {
    /** Form POST; good: 303 to {@code /<widget>/welcome}; bad: 303 back to the page with {@code ?error=captcha}. */
    REDIRECT("redirect", false,
            "303 redirect to /<widget>/welcome showing \"Welcome, demo\"",
            "303 redirect to the page with ?error=captcha and a .error \"Captcha verification failed, please try again\"",
            "the URL: /welcome (accepted) or ?error=captcha (rejected)",
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA),
    /** Form POST answered 200 on the same URL; good: {@code .success}; bad: {@code .error} "Invalid captcha". */
    INLINE_ERROR("inline-error", false,
            "200 on the same URL with a .success \"Welcome back, demo\"",
            "200 on the same URL with a .error \"Invalid captcha, please try again\"",
            "the .success / .error element and its text",
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA),
    /** Form POST; good: 200 "Order confirmed"; bad: HTTP 403. */
    HTTP_403("http-403", false,
            "200 with a .success \"Order confirmed\"",
            "HTTP 403 with a .error \"Forbidden: captcha verification failed\"",
            "the HTTP status of the form POST (403)",
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA),
    /** XHR to {@code <page>/verify}; answers the verification in JSON. */
    XHR_JSON("xhr-json", true,
            "XHR answers 200 {\"success\": true}; the page shows a .success \"Signed in\"",
            "XHR answers 200 {\"success\": false, \"error-codes\": [\"invalid-input-response\"]}; the page shows nothing",
            "the JSON body of the POST <page>/verify XHR",
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA),
    /** XHR; on a refused token the page calls the widget's {@code reset()} and shows nothing else. */
    WIDGET_RESET("widget-reset", true,
            "XHR answers {\"success\": true}; the page shows a .success \"Signed in\"",
            "XHR answers {\"success\": false, ...}; the page calls grecaptcha.reset() / hcaptcha.reset() / "
                    + "turnstile.reset() / funcaptcha.reset() and shows nothing",
            "a call to the widget's reset()",
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA),
    /**
     * Form POST with a password field pre-filled with a wrong one: a good token still fails with "Wrong
     * password" (not the captcha's fault); a bad token fails with "Invalid captcha". With the password
     * {@value DemoSite#PASSWORD} a good token gets the welcome redirect.
     */
    WRONG_PASSWORD("wrong-password", false,
            "200 with a .error \"Wrong password\" (303 to /<widget>/welcome with the password \"demo\")",
            "200 with a .error \"Invalid captcha, please try again\"",
            "the .error text: \"Wrong password\" is REJECTED_OTHER, \"Invalid captcha\" is REJECTED_CAPTCHA",
            Outcome.REJECTED_OTHER, Outcome.REJECTED_CAPTCHA),
    /** Like {@link #INLINE_ERROR}, answered after the site's slow delay (default 1.5 s). */
    SLOW("slow", false,
            "after the slow delay: 200 with a .success \"Welcome back, demo\"",
            "after the slow delay: 200 with a .error \"Invalid captcha, please try again\"",
            "the .success / .error element, after a wait longer than the delay",
            Outcome.ACCEPTED, Outcome.REJECTED_CAPTCHA),
    /** XHR answered 204 whatever the token; the page shows nothing. */
    SILENT("silent", true,
            "XHR answers 204, nothing visible happens",
            "XHR answers 204, nothing visible happens",
            "none: a rule should time out with UNKNOWN (no feedback)",
            Outcome.UNKNOWN, Outcome.UNKNOWN);

    private final String path;
    private final boolean xhr;
    private final String onGoodToken;
    private final String onBadToken;
    private final String signal;
    private final Outcome good;
    private final Outcome bad;

    DemoReaction(String path, boolean xhr, String onGoodToken, String onBadToken, String signal, Outcome good,
            Outcome bad) {
        this.path = path;
        this.xhr = xhr;
        this.onGoodToken = onGoodToken;
        this.onBadToken = onBadToken;
        this.signal = signal;
        this.good = good;
        this.bad = bad;
    }

    /** The second path segment of its pages, e.g. {@code inline-error}. */
    public String path() {
        return path;
    }

    /** Whether the page submits by XHR ({@code fetch}) to {@code <page>/verify} instead of a form POST. */
    public boolean usesXhr() {
        return xhr;
    }

    /** What the site does with a good token. */
    public String onGoodToken() {
        return onGoodToken;
    }

    /** What the site does with a bad token. */
    public String onBadToken() {
        return onBadToken;
    }

    /** Which signal an outcome rule should look for. */
    public String signal() {
        return signal;
    }

    /** The outcome a correct rule reaches for a good or a bad token. */
    public Outcome expectedOutcome(boolean goodToken) {
        return goodToken ? good : bad;
    }

    static DemoReaction byPath(String path) {
        for (DemoReaction r : values()) {
            if (r.path.equals(path)) {
                return r;
            }
        }
        return null;
    }
}
