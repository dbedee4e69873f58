package io.captchafeedback.rule;

import static io.captchafeedback.rule.Condition.textMatches;
import static io.captchafeedback.rule.Condition.widgetReset;

import io.captchafeedback.Outcome;
import java.util.Set;

/** The built-in rule set {@code defaults}; each rule is documented in docs/rules.md. */
final class DefaultRules {

    /** Responses from the captcha vendors' own hosts show the challenge state, not the site's decision. */
    static final String NOT_A_VENDOR = "^(?!https?://([^/?#]*\\.)?(google\\.com|gstatic\\.com|recaptcha\\.net"
            + "|hcaptcha\\.com|cloudflare\\.com)(:\\d+)?[/?#])";

    static final Rule ERROR_CODE = Rule.of("verification-error-code",
            new Condition.Response(UrlPattern.regex(NOT_A_VENDOR + "https?://"), null, Set.of(), null, null,
                    "\\b(invalid-input-response|timeout-or-duplicate|missing-input-response"
                            + "|invalid-or-already-seen-response)\\b"),
            Outcome.REJECTED_CAPTCHA).withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "The site relayed a verification error code");

    static final Rule ENTERPRISE_REASON = Rule.of("enterprise-invalid-reason",
            new Condition.Response(UrlPattern.regex(NOT_A_VENDOR + "https?://"), null, Set.of(), null, null,
                    "\"invalidReason\"\\s*:\\s*\"(MALFORMED|EXPIRED|DUPE|SITE_MISMATCH|MISSING|BROWSER_ERROR)\""),
            Outcome.REJECTED_CAPTCHA).withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "The site relayed a reCAPTCHA Enterprise invalid reason");

    static final Rule VERIFY_SUCCESS_FALSE = Rule.of("captcha-verify-failed",
            new Condition.Response(UrlPattern.regex(NOT_A_VENDOR + "(?i)https?://[^?#]*(captcha|verif)"), null,
                    Set.of(), "/success", "false", null),
            Outcome.REJECTED_CAPTCHA).withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "The site's captcha verification answered success: false");

    static final Rule CAPTCHA_KEY = Rule.of("captcha-key-invalid-response",
            new Condition.Response(UrlPattern.regex(NOT_A_VENDOR + "https?://"), null, Set.of(), null, null,
                    "\"captcha_key\"\\s*:\\s*\\[[^\\]]*\"invalid-response\""),
            Outcome.REJECTED_CAPTCHA).withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "The site answered captcha_key invalid-response");

    static final Rule RESET = Rule.of("widget-reset", widgetReset(), Outcome.REJECTED_CAPTCHA)
            .withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "The site reset the captcha widget after submitting");

    static final Rule INVALID_TEXT = Rule.of("invalid-captcha-text",
            textMatches("(?i)\\binvalid\\s+(re)?captcha(\\s+(token|response|solution))?\\b"
                    + "|\\b(re)?captcha\\s+(verification\\s+)?failed\\b|\\bincorrect\\s+(re)?captcha\\b"
                    + "|\\b(re)?captcha\\s+(is\\s+)?(invalid|incorrect|expired)\\b"),
            Outcome.REJECTED_CAPTCHA).withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "The site showed a captcha error");

    static final Rule TOKEN_REQUIRED_TEXT = Rule.of("captcha-token-required-text",
            textMatches("(?i)\\bturnstile\\s+(token|response)\\s+(is\\s+)?(required|missing)\\b"
                    + "|\\b(re|h)?captcha\\s+(token|response)\\s+(is\\s+)?(required|missing)\\b"),
            Outcome.REJECTED_CAPTCHA).withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "The site said the captcha token is missing");

    static final RuleSet SET = RuleSet.builder("*")
            .name(RuleSet.DEFAULTS)
            .rule(ERROR_CODE)
            .rule(ENTERPRISE_REASON)
            .rule(VERIFY_SUCCESS_FALSE)
            .rule(CAPTCHA_KEY)
            .rule(RESET)
            .rule(INVALID_TEXT)
            .rule(TOKEN_REQUIRED_TEXT)
            .build();

    private DefaultRules() {
    }
}
