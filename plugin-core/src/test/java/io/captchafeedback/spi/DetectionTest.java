package io.captchafeedback.spi;



import io.captchafeedback.rule.Condition;
import io.captchafeedback.rule.Rule;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Widget;
import static io.captchafeedback.rule.Condition.allOf;
import static io.captchafeedback.rule.Condition.anyOf;
import static io.captchafeedback.rule.Condition.not;
import static io.captchafeedback.rule.Condition.present;
import static io.captchafeedback.rule.Condition.response;
import static io.captchafeedback.rule.Condition.textContains;
import static io.captchafeedback.rule.Condition.urlChanged;
import static io.captchafeedback.rule.Condition.urlGlob;
import static io.captchafeedback.rule.Condition.visible;
import static io.captchafeedback.rule.Condition.widgetReset;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DetectionTest {

    static final URI LOGIN = URI.create("https://www.shop.example/login");
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);

    /** A recorded page state: what the probe of {@code compiled} returns when {@code matched} hold. */
    static Map<String, Object> pageState(CompiledRuleSet compiled, String url, Map<Condition, String> matched,
            List<Map<String, Object>> resets) {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (int i = 0; i < compiled.probeChecks(); i++) {
            checks.add(new HashMap<>(Map.of("m", false, "ms", 0.01)));
        }
        matched.forEach((condition, excerpt) -> {
            Map<String, Object> check = checks.get(compiled.checkIndex(condition));
            check.put("m", true);
            check.put("x", excerpt);
        });
        return Map.of("v", 1L, "url", url, "cookies", List.of("theme"), "resets", resets, "renders", List.of(),
                "c", checks, "t", 0.2);
    }

    static Map<String, Object> pageState(CompiledRuleSet compiled, String url, Map<Condition, String> matched) {
        return pageState(compiled, url, matched, List.of());
    }

    /** What the detection decides once its page had time to settle (the default window is at most 250 ms). */
    Optional<Verdict> settled(Detection detection) {
        clock.advance(Duration.ofMillis(300));
        return detection.decide();
    }

    @Test
    void theFirstMatchingRuleInDeclaredOrderDecides() {
        Condition welcome = present("#welcome");
        Condition wrongPassword = textContains("Wrong password", ".error");
        RuleSet acceptedFirst = RuleSet.builder("*.shop.example")
                .rule("logged-in", welcome, Outcome.ACCEPTED)
                .rule("wrong-password", wrongPassword, Outcome.REJECTED_OTHER).build();
        RuleSet rejectedFirst = RuleSet.builder("*.shop.example")
                .rule("wrong-password", wrongPassword, Outcome.REJECTED_OTHER)
                .rule("logged-in", welcome, Outcome.ACCEPTED).build();

        for (RuleSet set : List.of(acceptedFirst, rejectedFirst)) {
            CompiledRuleSet compiled = CompiledRuleSet.of(set);
            Detection detection = compiled.start(LOGIN, clock);
            detection.onProbe(pageState(compiled, LOGIN.toString(),
                    Map.of(welcome, "div#welcome \"Welcome\"", wrongPassword, "Wrong password")));

            Verdict verdict = settled(detection).orElseThrow();
            assertThat(verdict.evidence().rule()).isEqualTo(set.rules().get(0).name());
            assertThat(verdict.outcome()).isEqualTo(set.rules().get(0).verdict());
        }
    }

    @Test
    void noRuleMatchingGivesNothingUntilTheTimeoutGivesUnknown() {
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*.shop.example").timeout(Duration.ofSeconds(10))
                .rule("logged-in", urlGlob("**/account*"), Outcome.ACCEPTED).build());
        Detection detection = compiled.start(LOGIN, clock);
        detection.onProbe(pageState(compiled, "https://www.shop.example/login?error=1", Map.of()));

        assertThat(settled(detection)).isEmpty();
        assertThat(detection.isExpired()).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(detection.isExpired()).isTrue();

        Verdict verdict = detection.timeout();
        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(verdict.outcome().sendsFeedback()).isFalse();
        assertThat(verdict.evidence().observations()).extracting(Evidence.Observation::value)
                .contains("no rule matched within 10s", "https://www.shop.example/login?error=1");
    }

    @Test
    void anEarlierPageRuleHoldsBackALaterResponseRuleUntilTheFirstProbe() {
        Condition welcome = visible("#welcome");
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*.shop.example")
                .rule("logged-in", welcome, Outcome.ACCEPTED)
                .rule("refused", response("**/login", 403), Outcome.REJECTED_CAPTCHA).build());
        Detection detection = compiled.start(LOGIN, clock);

        detection.onResponse(new ObservedResponse("https://www.shop.example/login", "post", 403, "text/html", null, T0));
        assertThat(settled(detection)).as("the welcome element is not known yet").isEmpty();

        detection.onProbe(pageState(compiled, LOGIN.toString(), Map.of()));
        Verdict verdict = settled(detection).orElseThrow();
        assertThat(verdict.outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        assertThat(verdict.evidence().rule()).isEqualTo("refused");
        assertThat(verdict.evidence().observations()).singleElement().satisfies(o -> {
            assertThat(o.source()).isEqualTo("response");
            assertThat(o.value()).isEqualTo("POST https://www.shop.example/login 403");
            assertThat(o.at()).isEqualTo(T0);
        });
    }

    @Test
    void responsesMatchOnMethodStatusJsonPointerAndBody() {
        Condition.Response verifyFailed = response("**/api/verify", 200, 400).method("POST").json("/success", false);
        Condition.Response errno = response("**/api/verify").body("\"errno\"\\s*:\\s*-1");
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*.shop.example")
                .rule(Rule.of("verify-failed", verifyFailed, Outcome.REJECTED_CAPTCHA).withFeedback("ERROR_CAPTCHA_UNSOLVABLE", "verify said no"))
                .rule("errno", errno, Outcome.REJECTED_CAPTCHA).build());
        assertThat(compiled.needsResponseBodies()).isTrue();
        assertThat(compiled.needsBody("https://www.shop.example/api/verify")).isTrue();
        assertThat(compiled.needsBody("https://www.shop.example/static/app.js")).isFalse();
        assertThat(compiled.wantsResponse("https://www.shop.example/api/verify?x=1")).isTrue();
        assertThat(compiled.probeChecks()).isZero();

        Detection detection = compiled.start(LOGIN, clock);
        detection.onResponse(ObservedResponse.of("https://www.shop.example/api/verify", "GET", 200, "application/json", "{\"success\":false}"));
        detection.onResponse(ObservedResponse.of("https://www.shop.example/api/verify", "POST", 200, "application/json", "{\"success\":true}"));
        detection.onResponse(ObservedResponse.of("https://www.shop.example/api/verify", "POST", 500, "application/json", "{\"success\":false}"));
        detection.onResponse(ObservedResponse.of("https://www.shop.example/api/verify", "POST", 400, "text/html", "<html>not json"));
        assertThat(settled(detection)).isEmpty();

        detection.onResponse(ObservedResponse.of("https://www.shop.example/api/verify", "POST", 400, "application/json",
                "{\"success\": false, \"errno\": -1}"));
        Verdict verdict = settled(detection).orElseThrow();
        assertThat(verdict.evidence().rule()).isEqualTo("verify-failed");
        assertThat(verdict.feedbackCode()).isEqualTo("ERROR_CAPTCHA_UNSOLVABLE");
        assertThat(verdict.feedbackMessage()).isEqualTo("verify said no");
        assertThat(verdict.evidence().observations().get(0).value())
                .isEqualTo("POST https://www.shop.example/api/verify 400 /success=false");
    }

    @Test
    void combinatorsAllOfAnyOfAndNotFollowTheirConditions() {
        Condition error = present(".alert-error");
        Condition welcome = present("#welcome");
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*.shop.example")
                .rule("moved-without-error", allOf(urlChanged(), not(error)), Outcome.ACCEPTED)
                .rule("refused", anyOf(widgetReset(Widget.HCAPTCHA), allOf(error, not(welcome))), Outcome.REJECTED_CAPTCHA)
                .build());

        Detection stayed = compiled.start(LOGIN, clock);
        stayed.onProbe(pageState(compiled, LOGIN.toString(), Map.of()));
        assertThat(settled(stayed)).as("same URL, no error").isEmpty();
        stayed.onProbe(pageState(compiled, LOGIN.toString(), Map.of(error, "div.alert-error \"Try again\"")));
        assertThat(settled(stayed).orElseThrow().evidence().observations()).extracting(Evidence.Observation::value)
                .containsExactly("div.alert-error \"Try again\"", "element #welcome did not hold");

        Detection moved = compiled.start(LOGIN, clock);
        moved.onProbe(pageState(compiled, "https://www.shop.example/account", Map.of(welcome, "#welcome")));
        Verdict accepted = settled(moved).orElseThrow();
        assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(accepted.evidence().observations().get(0).value())
                .isEqualTo("https://www.shop.example/login -> https://www.shop.example/account");

        Detection movedWithError = compiled.start(LOGIN, clock);
        movedWithError.onWidgetEvent(WidgetEvent.reset(Widget.RECAPTCHA));
        movedWithError.onProbe(pageState(compiled, "https://www.shop.example/login?e=1", Map.of(error, "x", welcome, "y")));
        assertThat(settled(movedWithError)).as("a reCAPTCHA reset is not an hCaptcha reset").isEmpty();
        movedWithError.onWidgetEvent(WidgetEvent.reset(Widget.HCAPTCHA));
        assertThat(settled(movedWithError).orElseThrow().evidence().observations().get(0).value()).isEqualTo("hcaptcha.reset()");
    }

    @Test
    void widgetResetsRecordedBeforeTheStartAreIgnored() {
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*").rule("widget-reset", widgetReset(), Outcome.REJECTED_CAPTCHA)
                .build());
        Detection detection = compiled.start(LOGIN, clock);

        detection.onProbe(pageState(compiled, LOGIN.toString(), Map.of(),
                List.of(Map.of("widget", "recaptcha", "at", T0.minusSeconds(3).toEpochMilli()))));
        assertThat(settled(detection)).isEmpty();

        detection.onProbe(pageState(compiled, LOGIN.toString(), Map.of(),
                List.of(Map.of("widget", "recaptcha", "at", T0.minusSeconds(3).toEpochMilli()),
                        Map.of("widget", "recaptcha-enterprise", "at", T0.plusMillis(1500).toEpochMilli()))));
        Verdict verdict = settled(detection).orElseThrow();
        assertThat(verdict.outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        assertThat(verdict.evidence().rule()).isEqualTo("widget-reset");
        assertThat(verdict.evidence().observations().get(0).at()).isEqualTo(T0.plusMillis(1500));
    }

    @Test
    void theDefaultsRecogniseRelayedErrorCodesButNotTheVendorsOwnTraffic() {
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*").include("defaults").build());
        Detection detection = compiled.start(LOGIN, clock);
        detection.onProbe(pageState(compiled, LOGIN.toString(), Map.of()));

        detection.onResponse(ObservedResponse.of("https://www.google.com/recaptcha/api2/userverify?k=x", "POST", 200,
                "application/json", "[\"uvresp\",null,null,null,\"timeout-or-duplicate\"]"));
        detection.onResponse(ObservedResponse.of("https://www.shop.example/api/verify-captcha", "POST", 200,
                "application/json", "{\"success\": true}"));
        assertThat(settled(detection)).isEmpty();

        detection.onResponse(ObservedResponse.of("https://www.shop.example/login", "POST", 400,
                "application/json", "{\"success\": false, \"error-codes\": [\"timeout-or-duplicate\"]}"));
        Verdict verdict = settled(detection).orElseThrow();
        assertThat(verdict.evidence().rule()).isEqualTo("verification-error-code");
        assertThat(verdict.evidence().observations().get(0).value()).contains("POST https://www.shop.example/login 400", "timeout-or-duplicate");
    }

    @Test
    void theDecisionIsFinal() {
        Condition welcome = present("#welcome");
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*").rule("in", welcome, Outcome.ACCEPTED).build());
        Detection detection = compiled.start(LOGIN, clock);
        detection.onProbe(pageState(compiled, LOGIN.toString(), Map.of(welcome, "#welcome")));
        Verdict first = settled(detection).orElseThrow();

        detection.onProbe(pageState(compiled, LOGIN.toString(), Map.of()));
        clock.advance(Duration.ofMinutes(1));

        assertThat(settled(detection)).containsSame(first);
        assertThat(detection.timeout()).isSameAs(first);
    }

    @Test
    void aProbeResultFromAnotherRuleSetIsIgnored() {
        Condition welcome = present("#welcome");
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*").rule("in", welcome, Outcome.ACCEPTED).build());
        Detection detection = compiled.start(LOGIN, clock);

        detection.onProbe(Map.of("url", LOGIN.toString(), "c", List.of(Map.of("m", true), Map.of("m", true))));
        detection.onProbe(null);

        assertThat(settled(detection)).isEmpty();
    }

    @Test
    void aCheckThatFailedInThePageCountsAsNotMatching() {
        Condition welcome = present("#welcome");
        Condition other = present(".other");
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*").rule("in", welcome, Outcome.ACCEPTED)
                .rule("other", not(other), Outcome.REJECTED_OTHER).build());
        Detection detection = compiled.start(LOGIN, clock);
        Map<String, Object> state = new HashMap<>(pageState(compiled, LOGIN.toString(), Map.of()));
        state.put("c", List.of(Map.of("m", false, "e", "SyntaxError: not a valid selector"), Map.of("m", false)));

        detection.onProbe(state);

        assertThat(settled(detection).orElseThrow().evidence().rule()).isEqualTo("other");
    }

    @Test
    void eventsFedFromManyThreadsAreAllSeen() throws Exception {
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*")
                .rule("last", response("**/done", 299), Outcome.ACCEPTED).build());
        Detection detection = compiled.start(LOGIN, clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 500; i++) {
                        detection.onResponse(ObservedResponse.of("https://a.example/x" + i, "GET", 200));
                        detection.onWidgetEvent(new WidgetEvent(Widget.TURNSTILE, WidgetEvent.Kind.RENDER, T0));
                        detection.decide();
                    }
                    if (thread == 3) {
                        detection.onResponse(ObservedResponse.of("https://a.example/done", "GET", 299));
                    }
                    return null;
                });
            }
            go.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(settled(detection)).map(Verdict::outcome).contains(Outcome.ACCEPTED);
    }
}
