package io.captchafeedback.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.Outcome;
import io.captchafeedback.Verdict;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each response rule of the built-in {@code defaults} matches, and what it must not (docs/rules.md). */
class DefaultRulesTest {

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
            // must not match:
            "POST|https://www.google.com/recaptcha/api2/userverify?k=x|200|)]}' [\"uvresp\",null,\"timeout-or-duplicate\"]|none",
            "POST|https://api.hcaptcha.com/checkcaptcha/x|200|{\"success\":false,\"error-codes\":[\"invalid-or-already-seen-response\"]}|none",
            "POST|https://challenges.cloudflare.com/turnstile/v0/siteverify|200|{\"success\":false}|none",
            "POST|https://shop.example/api/login|401|{\"success\": false, \"error\": \"wrong password\"}|none",
            "POST|https://shop.example/api/verify-captcha|200|{\"success\": true}|none",
            "POST|https://shop.example/api|200|{\"invalidReason\": \"INVALID_REASON_UNSPECIFIED\"}|none",
            "POST|https://shop.example/api|400|{\"captcha_key\": [\"captcha-required\"]}|none",
            "POST|https://shop.example/api|200|my-invalid-input-responses-list|none"})
    void theDefaultResponseRulesMatchRelayedVerificationErrorsOnly(String method, String url, int status, String body,
            String expectedRule) {
        CompiledRuleSet compiled = RuleSet.builder("*").include("defaults").build().compile();
        Detection detection = compiled.start(URI.create("https://shop.example/login"));
        detection.onProbe(Map.of("url", "https://shop.example/login", "cookies", List.of(),
                "c", java.util.Collections.nCopies(compiled.probeChecks(), Map.of("m", false))));
        assertThat(compiled.needsBody(url)).isEqualTo(!url.contains("google.com") && !url.contains("hcaptcha.com")
                && !url.contains("cloudflare.com"));

        detection.onResponse(ObservedResponse.of(url, method, status, "application/json", body));

        Optional<Verdict> verdict = detection.decideNow();
        assertThat(verdict.map(v -> v.evidence().rule()).orElse("none")).isEqualTo(expectedRule);
        verdict.ifPresent(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
            assertThat(v.feedbackCode()).isEqualTo("ERROR_CAPTCHA_UNSOLVABLE");
            assertThat(v.evidence().observations().get(0).value()).startsWith(method + " " + url + " " + status);
        });
    }
}
