package io.captchafeedback.rule;


import io.captchafeedback.spi.CompiledRuleSet;
import io.captchafeedback.spi.Detection;
import io.captchafeedback.spi.ObservedResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.Verdict;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each response rule of the built-in {@code defaults} matches, and what it must not (docs/rules.md). */
class DefaultRulesTest {

    /** The text rules' in-page regexes, read with Java's engine (the common subset the browser runs). */
    static String textRuleFor(String text) {
        for (Rule rule : RuleSet.defaults().rules()) {
            if (rule.when() instanceof Condition.Appeared a && a.condition() instanceof Condition.TextMatches t) {
                String source = t.regex().startsWith("(?i)") ? t.regex().substring(4) : t.regex();
                if (java.util.regex.Pattern.compile(source, java.util.regex.Pattern.CASE_INSENSITIVE).matcher(text).find()) {
                    return rule.name();
                }
            }
        }
        return "none";
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "reCAPTCHA validation failed. Please try again.|captcha-failure-text",
            "hCaptcha verification failed. Please try again.|captcha-failure-text",
            "The Turnstile token is invalid or has expired.|captcha-failure-text",
            "Arkose Labs verification failed|captcha-failure-text",
            "FunCaptcha token invalid|captcha-failure-text",
            "The reCAPTCHA wasn't entered correctly. Go back and try it again.|captcha-failure-text",
            "Invalid captcha, please try again|captcha-failure-text",
            "Captcha verification failed, please try again|captcha-failure-text",
            "Turnstile token required|captcha-token-required-text",
            "Wrong password|wrong-credentials-text",
            "Incorrect username or password.|wrong-credentials-text",
            "This e-mail is already registered|wrong-credentials-text",
            "Too many login attempts. Try again in 5 minutes.|rate-limit-text",
            // not the captcha's failure, or not a failure:
            "Please complete the captcha below|none",
            "Verification failed|none",
            "We could not send the SMS code.|none",
            "Signed in|none"})
    void theDefaultTextRulesNameTheCaptchaOrAnotherCause(String text, String expectedRule) {
        assertThat(textRuleFor(text)).isEqualTo(expectedRule);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "POST|https://shop.example/login|400|{\"success\": false, \"error-codes\": [\"invalid-input-response\"]}|verification-error-code",
            "POST|https://shop.example/login|200|<p>Error: timeout-or-duplicate</p>|verification-error-code",
            "POST|https://shop.example/api|200|{\"errors\": [\"missing-input-response\"]}|verification-error-code",
            "POST|https://shop.example/api|403|{\"error\": \"invalid-or-already-seen-response\"}|verification-error-code",
            "POST|https://shop.example/api|200|{\"tokenProperties\": {\"valid\": false, \"invalidReason\": \"DUPE\"}}|enterprise-invalid-reason",
            "POST|https://shop.example/api/verify-captcha|200|{\"success\": false}|captcha-verify-failed",
            "POST|https://shop.example/Captcha/Check|400|{\"success\":false,\"msg\":\"bad\"}|captcha-verify-failed",
            "POST|https://discord.example/api/register|400|{\"captcha_key\": [\"invalid-response\"]}|captcha-key-invalid-response",
            "POST|https://shop.example/graphql|200|{\"errors\": [{\"message\": \"no\", \"extensions\": {\"code\": \"CAPTCHA_INVALID\"}}]}|graphql-captcha-error-code",
            "POST|https://shop.example/graphql|200|{\"errors\": [{\"extensions\": {\"code\": \"invalid-captcha\"}}]}|graphql-captcha-error-code",
            "POST|https://shop.example/api/signup|200|{\"success\": false, \"error\": \"captcha_invalid\"}|captcha-json-error",
            "POST|https://shop.example/api/signup|422|{\"errors\": [\"captcha-token-expired\"]}|captcha-json-error",
            "POST|https://shop.example/api/register|200|{\"session_details\": {\"solved\": false, \"session\": \"x\"}}|arkose-not-solved",
            "POST|https://shop.example/api/turnstile/check|403|{\"success\": false}|captcha-verify-failed",
            // must not match:
            "POST|https://www.google.com/recaptcha/api2/userverify?k=x|200|)]}' [\"uvresp\",null,\"timeout-or-duplicate\"]|none",
            "POST|https://api.hcaptcha.com/checkcaptcha/x|200|{\"success\":false,\"error-codes\":[\"invalid-or-already-seen-response\"]}|none",
            "POST|https://challenges.cloudflare.com/turnstile/v0/siteverify|200|{\"success\":false}|none",
            "POST|https://shop.example/api/login|401|{\"success\": false, \"error\": \"wrong password\"}|none",
            "POST|https://shop.example/api/verify-captcha|200|{\"success\": true}|none",
            "POST|https://shop.example/api|200|{\"invalidReason\": \"INVALID_REASON_UNSPECIFIED\"}|none",
            "POST|https://shop.example/api|400|{\"captcha_key\": [\"captcha-required\"]}|none",
            "POST|https://shop.example/api|200|my-invalid-input-responses-list|none",
            // a URL that merely contains "verif", any status, is not the captcha's verification:
            "POST|https://shop.example/api/phone/verify|400|{\"success\": false}|none",
            "POST|https://shop.example/api/verify-email|200|{\"success\": false}|none",
            // captcha codes in a server error or a rate limit are not blamed on the token:
            "POST|https://shop.example/api/verify-captcha|502|{\"success\": false, \"error-codes\": [\"invalid-input-response\"]}|server-error",
            "GET|https://shop.example/api/verify-captcha|503|{\"success\": false}|none",
            "POST|https://shop.example/login|429|{\"error\": \"captcha_invalid\"}|rate-limited",
            "POST|https://shop.example/graphql|200|{\"errors\": [{\"extensions\": {\"code\": \"CAPTCHA_SERVICE_UNAVAILABLE\"}}]}|none"})
    void theDefaultResponseRulesMatchRelayedVerificationErrorsOnly(String method, String url, int status, String body,
            String expectedRule) {
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*").include("defaults").build());
        Detection detection = compiled.start(URI.create("https://shop.example/login"));
        detection.onProbe(Map.of("url", "https://shop.example/login", "cookies", List.of(),
                "c", java.util.Collections.nCopies(compiled.probeChecks(), Map.of("m", false))));
        assertThat(compiled.needsBody(url)).isEqualTo(!url.contains("google.com") && !url.contains("hcaptcha.com")
                && !url.contains("cloudflare.com"));

        detection.onResponse(ObservedResponse.of(url, method, status, "application/json", body));

        Optional<Verdict> verdict = detection.decideNow();
        assertThat(verdict.map(v -> v.evidence().rule()).orElse("none")).isEqualTo(expectedRule);
        verdict.ifPresent(v -> {
            boolean other = expectedRule.equals("server-error") || expectedRule.equals("rate-limited");
            assertThat(v.outcome()).isEqualTo(other ? Outcome.REJECTED_OTHER : Outcome.REJECTED_CAPTCHA);
            assertThat(v.feedbackCode()).isEqualTo(other ? null : "ERROR_CAPTCHA_UNSOLVABLE");
            assertThat(v.evidence().observations().get(0).value()).startsWith(method + " " + url + " " + status);
        });
    }
}
