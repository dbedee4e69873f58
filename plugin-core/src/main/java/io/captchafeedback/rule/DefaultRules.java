package io.captchafeedback.rule;

import static io.captchafeedback.rule.Condition.appeared;
import static io.captchafeedback.rule.Condition.textMatches;

import io.captchafeedback.task.Outcome;
import java.util.Set;
import java.util.TreeSet;

/**
 * The built-in rule set {@code defaults}; each rule is documented, with its sources, in docs/rules.md.
 * They decide {@code REJECTED_CAPTCHA} only on captcha-specific evidence (a vendor's error code relayed
 * by the site, a captcha-named error, a vendor's own failure wording that appeared after the injection),
 * and {@code REJECTED_OTHER} on common failures that are not the captcha's (wrong credentials, rate
 * limits, server errors). A widget reset alone decides nothing: sites reset after any failed attempt.
 */
final class DefaultRules {

    /** Responses from the captcha vendors' own hosts show the challenge state, not the site's decision. */
    static final String NOT_A_VENDOR = "^(?!https?://([^/?#]*\\.)?(google\\.com|gstatic\\.com|recaptcha\\.net"
            + "|hcaptcha\\.com|cloudflare\\.com|arkoselabs\\.com|funcaptcha\\.com)(:\\d+)?[/?#])";

    private static final UrlPattern SITE = UrlPattern.regex(NOT_A_VENDOR + "https?://");

    /** 100–499 except 429: a server error or a rate limit is never blamed on the token. */
    static final Set<Integer> NOT_SERVER_ERROR = statuses(100, 499, 429);

    private static final String UNSOLVABLE = "ERROR_CAPTCHA_UNSOLVABLE";

    private static Condition.Response siteBody(String regex) {
        return new Condition.Response(SITE, null, NOT_SERVER_ERROR, null, null, regex);
    }

    // Siteverify error codes that mean the token itself was refused. Sources:
    // https://developers.google.com/recaptcha/docs/verify (error code reference),
    // https://docs.hcaptcha.com/#siteverify-error-codes-table,
    // https://developers.cloudflare.com/turnstile/get-started/server-side-validation/ (error codes).
    // Codes about the site's own setup (missing-input-secret, invalid-input-secret, bad-request,
    // sitekey-secret-mismatch, internal-error) are left out: they are not the token's fault.
    static final Rule ERROR_CODE = Rule.of("verification-error-code",
            siteBody("\\b(invalid-input-response|timeout-or-duplicate|missing-input-response"
                    + "|invalid-or-already-seen-response|expired-input-response)\\b"),
            Outcome.REJECTED_CAPTCHA).withFeedback(UNSOLVABLE, "The site relayed a verification error code");

    // https://cloud.google.com/recaptcha/docs/reference/rest/v1/projects.assessments#invalidreason
    static final Rule ENTERPRISE_REASON = Rule.of("enterprise-invalid-reason",
            siteBody("\"invalidReason\"\\s*:\\s*\"(MALFORMED|EXPIRED|DUPE|SITE_MISMATCH|MISSING|BROWSER_ERROR)\""),
            Outcome.REJECTED_CAPTCHA).withFeedback(UNSOLVABLE, "The site relayed a reCAPTCHA Enterprise invalid reason");

    // GraphQL servers report errors as {"errors": [{"message": ..., "extensions": {"code": ...}}]}
    // (https://spec.graphql.org/October2021/#sec-Errors); a code naming the captcha as invalid.
    static final Rule GRAPHQL_CODE = Rule.of("graphql-captcha-error-code",
            siteBody("(?i)\"extensions\"\\s*:\\s*\\{[^{}]*\"code\"\\s*:\\s*\"(?=[a-z_.-]*captcha)"
                    + "(?=[a-z_.-]*(invalid|failed|incorrect|expired|required|missing|wrong|rejected|duplicate))[a-z_.-]+\""),
            Outcome.REJECTED_CAPTCHA).withFeedback(UNSOLVABLE, "The site answered a GraphQL captcha error code");

    // Discord-style field errors: {"captcha_key": ["invalid-response"]}.
    static final Rule CAPTCHA_KEY = Rule.of("captcha-key-invalid-response",
            siteBody("\"captcha_key\"\\s*:\\s*\\[[^\\]]*\"invalid-response\""),
            Outcome.REJECTED_CAPTCHA).withFeedback(UNSOLVABLE, "The site answered captcha_key invalid-response");

    // A JSON error naming the captcha: {"error": "invalid_captcha"}, {"code": "CAPTCHA_FAILED"},
    // {"errors": ["captcha-token-expired"]}.
    static final Rule CAPTCHA_JSON_ERROR = Rule.of("captcha-json-error",
            siteBody("(?i)\"(error|errors|code|reason|error_code|errorCode|type)\"\\s*:\\s*\\[?\\s*\""
                    + "(invalid[_ -]?captcha|incorrect[_ -]?captcha|wrong[_ -]?captcha"
                    + "|captcha[_ -]?(token[_ -]?|response[_ -]?)?(invalid|incorrect|failed|expired|wrong|rejected|mismatch))\""),
            Outcome.REJECTED_CAPTCHA).withFeedback(UNSOLVABLE, "The site answered a captcha error");

    // Arkose Labs' Verify API answers "solved": false for a refused session token
    // (https://developer.arkoselabs.com/docs/verify-api-v4-response-fields); some sites relay it.
    static final Rule ARKOSE_NOT_SOLVED = Rule.of("arkose-not-solved",
            siteBody("\"session_details\"\\s*:\\s*\\{[^{}]*\"solved\"\\s*:\\s*false|\"solved\"\\s*:\\s*false[^{}]*\"session\"\\s*:"),
            Outcome.REJECTED_CAPTCHA).withFeedback(UNSOLVABLE, "The site relayed Arkose's solved: false");

    // {"success": false} from an endpoint named for the captcha (/captcha/verify, /verify-recaptcha,
    // /api/hcaptcha) with a status that is neither a server error nor a rate limit. A URL that merely
    // contains "verif" (/api/phone/verify) is not enough.
    static final Rule VERIFY_SUCCESS_FALSE = Rule.of("captcha-verify-failed",
            new Condition.Response(UrlPattern.regex(NOT_A_VENDOR + "(?i)https?://[^?#]*(captcha|turnstile|arkose)"), null,
                    NOT_SERVER_ERROR, "/success", "false", null),
            Outcome.REJECTED_CAPTCHA).withFeedback(UNSOLVABLE, "The site's captcha verification answered success: false");

    static final Rule WRONG_CREDENTIALS_TEXT = Rule.of("wrong-credentials-text",
            appeared(textMatches("(?i)\\b(wrong|incorrect|invalid|unknown|bad)\\s+(password|passcode|username|user\\s?name"
                    + "|e-?mail(\\s+address)?|email\\s+or\\s+password|username\\s+or\\s+password|login|credentials|account)\\b"
                    + "|\\b(password|username|e-?mail)\\s+(is\\s+|was\\s+)?(wrong|incorrect|invalid)\\b"
                    + "|\\b(user|account)\\s+(not\\s+found|does\\s+not\\s+exist)\\b"
                    + "|\\b(e-?mail|username)(\\s+address)?\\s+(is\\s+)?already\\s+(taken|registered|in\\s+use)\\b")),
            Outcome.REJECTED_OTHER);

    static final Rule RATE_LIMIT_STATUS = Rule.of("rate-limited",
            new Condition.Response(SITE, null, Set.of(429), null, null, null), Outcome.REJECTED_OTHER);

    static final Rule RATE_LIMIT_TEXT = Rule.of("rate-limit-text",
            appeared(textMatches("(?i)\\btoo\\s+many\\s+(requests|attempts|tries|login\\s+attempts)\\b"
                    + "|\\brate[\\s-]limit(ed)?\\b|\\btry\\s+again\\s+(later|in\\s+\\d+)")),
            Outcome.REJECTED_OTHER);

    // Each vendor's own failure wording, as sites (and the vendors' samples) show it; see docs/rules.md.
    static final Rule CAPTCHA_FAILURE_TEXT = Rule.of("captcha-failure-text",
            appeared(textMatches("(?i)\\b(invalid|incorrect|wrong)\\s+(re|h)?captcha(\\s+(token|response|solution|answer))?\\b"
                    + "|\\b(re|h)?captcha\\s+(token\\s+|response\\s+)?(verification|validation|check)\\s+(has\\s+)?failed\\b"
                    + "|\\b(re|h)?captcha\\s+failed\\b"
                    + "|\\b(re|h)?captcha\\s+(token\\s+|response\\s+)?(is\\s+|was\\s+)?(invalid|incorrect|expired|not\\s+valid)\\b"
                    + "|\\bthe\\s+recaptcha\\s+wasn.t\\s+entered\\s+correctly\\b"
                    + "|\\bturnstile\\s+(token\\s+|response\\s+)?(verification|validation|check)\\s+failed\\b"
                    + "|\\bturnstile\\s+(token|response)\\s+(is\\s+|was\\s+)?(invalid|expired)\\b"
                    + "|\\b(arkose|funcaptcha)(\\s+labs)?\\s+(token\\s+)?(verification|validation|challenge|check)\\s+failed\\b"
                    + "|\\b(arkose|funcaptcha)(\\s+labs)?\\s+(token|session)\\s+(is\\s+|was\\s+)?(invalid|expired)\\b"
                    + "|\\b(human\\s+)?verification\\s+failed,?\\s+please\\s+(solve|complete)\\s+the\\s+(re|h)?captcha\\b")),
            Outcome.REJECTED_CAPTCHA).withFeedback(UNSOLVABLE, "The site showed a captcha error");

    static final Rule TOKEN_REQUIRED_TEXT = Rule.of("captcha-token-required-text",
            appeared(textMatches("(?i)\\bturnstile\\s+(token|response)\\s+(is\\s+)?(required|missing)\\b"
                    + "|\\b(re|h)?captcha\\s+(token|response)\\s+(is\\s+)?(required|missing)\\b")),
            Outcome.REJECTED_CAPTCHA).withFeedback(UNSOLVABLE, "The site said the captcha token is missing");

    // A server error answering the page's own request (form POST, XHR): never the token's fault.
    static final Rule SERVER_ERROR = Rule.of("server-error",
            new Condition.Response(SITE, "POST", statuses(500, 599, -1), null, null, null), Outcome.REJECTED_OTHER);

    static final RuleSet SET = RuleSet.builder("*")
            .name(RuleSet.DEFAULTS)
            .rule(ERROR_CODE)
            .rule(ENTERPRISE_REASON)
            .rule(GRAPHQL_CODE)
            .rule(CAPTCHA_KEY)
            .rule(CAPTCHA_JSON_ERROR)
            .rule(ARKOSE_NOT_SOLVED)
            .rule(VERIFY_SUCCESS_FALSE)
            .rule(WRONG_CREDENTIALS_TEXT)
            .rule(RATE_LIMIT_STATUS)
            .rule(RATE_LIMIT_TEXT)
            .rule(CAPTCHA_FAILURE_TEXT)
            .rule(TOKEN_REQUIRED_TEXT)
            .rule(SERVER_ERROR)
            .build();

    private static Set<Integer> statuses(int from, int to, int except) {
        Set<Integer> set = new TreeSet<>();
        for (int s = from; s <= to; s++) {
            if (s != except) {
                set.add(s);
            }
        }
        return set;
    }

    private DefaultRules() {
    }
}
