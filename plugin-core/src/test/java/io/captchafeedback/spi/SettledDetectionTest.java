package io.captchafeedback.spi;




import io.captchafeedback.rule.Settle;
import io.captchafeedback.rule.UrlPattern;
import io.captchafeedback.rule.Widget;
import io.captchafeedback.rule.Condition;
import io.captchafeedback.rule.RuleSet;
import static io.captchafeedback.rule.Condition.appeared;
import static io.captchafeedback.rule.Condition.inFrame;
import static io.captchafeedback.rule.Condition.response;
import static io.captchafeedback.rule.Condition.textContains;
import static io.captchafeedback.rule.Condition.widgetReset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

/** Decisions on a settled page, appeared conditions, frames and JSON exists/notNull, on a clock moved by hand. */
class SettledDetectionTest {

    static final URI LOGIN = URI.create("https://www.shop.example/login");
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Condition WRONG_PASSWORD = textContains("Wrong password", ".error");

    final MutableClock clock = new MutableClock(T0);

    static final RuleSet LOGIN_RULES = RuleSet.builder("*.shop.example")
            .rule("wrong-password", WRONG_PASSWORD, Outcome.REJECTED_OTHER)
            .rule("widget-reset", widgetReset(), Outcome.REJECTED_CAPTCHA)
            .build();

    /** A probe result of {@code compiled} in document {@code doc} where the given checks hold. */
    static Map<String, Object> probe(CompiledRuleSet compiled, String doc, boolean top, Condition... holding) {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (int i = 0; i < compiled.probeChecks(); i++) {
            checks.add(new HashMap<>(Map.of("m", false)));
        }
        for (Condition c : holding) {
            checks.get(compiled.checkIndex(c)).put("m", true);
        }
        return Map.of("v", 1, "url", top ? LOGIN.toString() : "about:blank", "d", doc, "top", top, "cookies", List.of(),
                "resets", List.of(), "renders", List.of(), "c", checks);
    }

    static WidgetEvent reset(Instant at) {
        return new WidgetEvent(Widget.RECAPTCHA, WidgetEvent.Kind.RESET, at);
    }

    Detection start(RuleSet set) {
        return CompiledRuleSet.of(set).start(LOGIN, clock);
    }

    void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    @Test
    void aRuleListedEarlierWinsWhenItsTextRendersJustAfterTheResetOfTheSameHandler() {
        Detection detection = start(LOGIN_RULES);
        CompiledRuleSet compiled = detection.compiled();
        detection.onProbe(probe(compiled, "doc-1", true));
        advance(400);

        detection.onWidgetEvent(reset(clock.instant()));
        assertThat(detection.decide()).as("the reset alone: the page is still settling").isEmpty();
        advance(30);
        detection.onProbe(probe(compiled, "doc-1", true, WRONG_PASSWORD));

        Verdict verdict = detection.decide().orElseThrow(); // the first rule: nothing can beat it
        assertThat(verdict.outcome()).isEqualTo(Outcome.REJECTED_OTHER);
        assertThat(verdict.evidence().rule()).isEqualTo("wrong-password");
    }

    @Test
    void aResetJudgedWithTheProbeThatFollowsItDecidesWithoutWaitingWhenOnlyPageRulesComeBefore() {
        Detection detection = start(LOGIN_RULES);
        CompiledRuleSet compiled = detection.compiled();
        detection.onProbe(probe(compiled, "doc-1", true));
        Instant at = clock.instant();
        detection.onWidgetEvent(reset(at));
        advance(5);
        Map<String, Object> before = new HashMap<>(probe(compiled, "doc-1", true));
        assertThat(detection.decide()).isEmpty();
        before.put("resets", List.of(Map.of("widget", "recaptcha", "at", at.toEpochMilli())));
        detection.onProbe(before); // the page after the reset's handler: no "Wrong password"

        assertThat(detection.decide()).map(v -> v.evidence().rule()).contains("widget-reset");
    }

    @Test
    void theLaterRuleDecidesOnceThePageHasBeenQuietForTheQuietTime() {
        Detection detection = start(LOGIN_RULES);
        detection.onProbe(probe(detection.compiled(), "doc-1", true));
        detection.onWidgetEvent(reset(clock.instant()));

        assertThat(detection.settlesAt()).contains(T0.plusMillis(100));
        advance(100);
        assertThat(detection.decide()).map(v -> v.evidence().rule()).contains("widget-reset");
        assertThat(detection.settlesAt()).as("decided: nothing to wait for").isEmpty();
    }

    @Test
    void aPageThatKeepsChangingIsDecidedAtTheMaximumWait() {
        Condition spinner = textContains("Loading");
        RuleSet set = RuleSet.builder("*.shop.example")
                .rule("refused", response("**/api/login", 400), Outcome.REJECTED_CAPTCHA) // a response may still come
                .rule("reset", widgetReset(), Outcome.REJECTED_CAPTCHA)
                .rule("spinner", spinner, Outcome.REJECTED_OTHER).build();
        Detection detection = start(set);
        detection.onProbe(probe(detection.compiled(), "doc-1", true));
        detection.onWidgetEvent(reset(clock.instant()));
        for (int i = 1; i <= 4; i++) { // a change every 60 ms: never 100 ms quiet
            advance(60);
            detection.onProbe(i % 2 == 0 ? probe(detection.compiled(), "doc-1", true)
                    : probe(detection.compiled(), "doc-1", true, spinner));
            assertThat(detection.decide()).as("after %d ms", i * 60).isEmpty();
        }
        advance(10); // 250 ms after the reset
        assertThat(detection.decide()).map(v -> v.evidence().rule()).contains("reset");
    }

    @Test
    void aRuleThatStopsHoldingWithinTheWindowDecidesNothing() {
        Condition banner = textContains("Invalid captcha");
        RuleSet set = RuleSet.builder("*.shop.example")
                .rule("refused", response("**/api/login", 400), Outcome.REJECTED_CAPTCHA)
                .rule("banner", banner, Outcome.REJECTED_CAPTCHA).build();
        Detection detection = start(set);
        detection.onProbe(probe(detection.compiled(), "doc-1", true, banner));
        advance(50);
        detection.onProbe(probe(detection.compiled(), "doc-1", true));
        advance(500);

        assertThat(detection.decide()).isEmpty();
        assertThat(detection.settlesAt()).isEmpty();
    }

    @Test
    void theOwnerIsToldWhenToAskAgainAndDecideNowDoesNotWait() {
        Detection detection = start(LOGIN_RULES);
        List<Instant> wakeUps = new ArrayList<>();
        detection.onWakeUp(wakeUps::add);
        detection.onProbe(probe(detection.compiled(), "doc-1", true));
        assertThat(wakeUps).as("no rule holds: nothing to wait for").isEmpty();

        detection.onWidgetEvent(reset(clock.instant()));
        assertThat(wakeUps).containsExactly(T0.plusMillis(100));
        assertThat(detection.decide()).isEmpty();

        assertThat(detection.decideNow()).map(v -> v.evidence().rule()).contains("widget-reset");
        assertThat(detection.decide()).as("final").map(v -> v.evidence().rule()).contains("widget-reset");
    }

    @Test
    void withoutSettlingTheFirstRuleThatHoldsDecidesAtOnce() {
        RuleSet set = RuleSet.builder("*.shop.example").settle(Settle.NONE)
                .rule("wrong-password", WRONG_PASSWORD, Outcome.REJECTED_OTHER)
                .rule("widget-reset", widgetReset(), Outcome.REJECTED_CAPTCHA).build();
        Detection detection = start(set);
        detection.onProbe(probe(detection.compiled(), "doc-1", true));
        detection.onWidgetEvent(reset(clock.instant()));

        assertThat(detection.decide()).map(v -> v.evidence().rule()).contains("widget-reset");
    }

    @Test
    void settleWindowsAreValidated() {
        assertThatThrownBy(() -> Settle.of(Duration.ofMillis(300), Duration.ofMillis(200)))
                .hasMessageContaining("settle max (200ms) is shorter than quiet (300ms)");
        assertThatThrownBy(() -> Settle.of(Duration.ofMillis(-1), Duration.ZERO)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Settle.of(Duration.ZERO, Duration.ofSeconds(6))).hasMessageContaining("at most 5s");
    }

    // ---- appeared ----

    static final Condition INVALID = textContains("Invalid captcha", ".error");
    static final RuleSet APPEARED = RuleSet.builder("*.shop.example")
            .rule("invalid-captcha", appeared(INVALID), Outcome.REJECTED_CAPTCHA).build();

    Optional<Verdict> settled(Detection detection) {
        advance(300);
        return detection.decide();
    }

    @Test
    void anErrorLeftFromAPreviousAttemptHasNotAppeared() {
        Detection detection = start(APPEARED);
        CompiledRuleSet compiled = detection.compiled();
        detection.onBaseline(probe(compiled, "doc-1", true, INVALID));
        detection.onProbe(probe(compiled, "doc-1", true, INVALID));

        assertThat(settled(detection)).isEmpty();
        assertThat(detection.timeout().outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void anErrorThatWentAwayAndCameBackHasAppeared() {
        Detection detection = start(APPEARED);
        CompiledRuleSet compiled = detection.compiled();
        detection.onProbe(probe(compiled, "doc-1", true, INVALID)); // the first probe is the baseline
        detection.onProbe(probe(compiled, "doc-1", true));
        detection.onProbe(probe(compiled, "doc-1", true, INVALID));

        assertThat(settled(detection)).map(Verdict::outcome).contains(Outcome.REJECTED_CAPTCHA);
    }

    @Test
    void anErrorInADocumentLoadedAfterTheInjectionHasAppeared() {
        Detection detection = start(APPEARED);
        CompiledRuleSet compiled = detection.compiled();
        detection.onBaseline(probe(compiled, "doc-1", true, INVALID));
        detection.onProbe(probe(compiled, "doc-2", true, INVALID)); // the form POST answered with the error again

        assertThat(settled(detection)).map(Verdict::outcome).contains(Outcome.REJECTED_CAPTCHA);
    }

    @Test
    void withoutAnyStateFromBeforeTheSubmitEverythingThatHoldsHasAppeared() {
        Detection detection = start(APPEARED);
        detection.onBaselineMissed();
        detection.onProbe(probe(detection.compiled(), "doc-1", true, INVALID));

        assertThat(settled(detection)).map(Verdict::outcome).contains(Outcome.REJECTED_CAPTCHA);
    }

    @Test
    void aBaselineFedAfterAProbeOnlyMovesTheBaseline() {
        Detection detection = start(APPEARED);
        CompiledRuleSet compiled = detection.compiled();
        detection.onProbe(probe(compiled, "doc-1", true, INVALID));
        detection.onBaseline(probe(compiled, "doc-1", true)); // taken before the injection, delivered late

        assertThat(settled(detection)).map(Verdict::outcome).contains(Outcome.REJECTED_CAPTCHA);
    }

    @Test
    void appearedAppliesToPageConditionsOnly() {
        assertThatThrownBy(() -> appeared(widgetReset())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appeared applies to element and text conditions, not to WidgetReset");
    }

    // ---- frames ----

    @Test
    void aConditionHoldsInTheTopDocumentOrInAFrameAndANewTopDocumentForgetsTheOldFrames() {
        RuleSet set = RuleSet.builder("*.shop.example").rule("invalid", INVALID, Outcome.REJECTED_CAPTCHA).build();
        Detection detection = start(set);
        CompiledRuleSet compiled = detection.compiled();
        detection.onProbe(probe(compiled, "top-1", true));
        detection.onProbe(probe(compiled, "frame-1", false, INVALID));
        assertThat(detection.decideNow()).as("seen in the frame's document").isPresent();

        Detection other = start(set);
        other.onProbe(probe(compiled, "top-1", true));
        other.onProbe(probe(compiled, "frame-1", false, INVALID));
        other.onProbe(probe(compiled, "top-2", true));
        assertThat(other.decideNow()).as("the frame belonged to the old top document").isEmpty();
    }

    @Test
    void aRoundOfProbesCountsAFrameOnlyWhileItIsStillThere() {
        RuleSet set = RuleSet.builder("*.shop.example").rule("invalid", INVALID, Outcome.REJECTED_CAPTCHA).build();
        Detection detection = start(set);
        CompiledRuleSet compiled = detection.compiled();
        detection.onProbes(probe(compiled, "top-1", true), List.of(probe(compiled, "frame-1", false, INVALID)));
        Detection gone = start(set);
        gone.onProbes(probe(compiled, "top-1", true), List.of(probe(compiled, "frame-1", false, INVALID)));
        gone.onProbes(probe(compiled, "top-1", true), List.of());

        assertThat(detection.decideNow()).as("seen in the frame's document").isPresent();
        assertThat(gone.decideNow()).as("the frame was removed before the next round").isEmpty();
    }

    @Test
    void aPopupInARoundIsAFrameDocumentThatNeitherMovesTheUrlNorCountsForTheTopScope() {
        Condition topOnly = Condition.inTop(INVALID);
        RuleSet set = RuleSet.builder("*.shop.example")
                .rule("invalid-on-the-page", topOnly, Outcome.REJECTED_CAPTCHA)
                .rule("moved", Condition.urlChanged(), Outcome.ACCEPTED).build();
        Detection detection = start(set);
        CompiledRuleSet compiled = detection.compiled();
        Map<String, Object> popup = new HashMap<>(probe(compiled, "popup-1", true, topOnly));
        popup.put("url", "https://www.shop.example/popup");
        detection.onProbes(probe(compiled, "top-1", true), List.of(popup));

        assertThat(settled(detection)).isEmpty();
    }

    @Test
    void aRoundWithoutTheTopPageStillReadsTheFramesAndNothingUsableIsIgnored() {
        RuleSet set = RuleSet.builder("*.shop.example").rule("invalid", INVALID, Outcome.REJECTED_CAPTCHA).build();
        Detection detection = start(set);
        CompiledRuleSet compiled = detection.compiled();
        detection.onProbes(null, List.of(Map.of("v", 1)));
        assertThat(detection.decideNow()).as("nothing usable: still unknown").isEmpty();

        detection.onProbes(null, List.of(probe(compiled, "frame-1", false, INVALID)));
        assertThat(detection.decideNow()).isPresent();
    }

    @Test
    void aTopScopedConditionIgnoresTheFramesDocuments() {
        Condition topOnly = Condition.inTop(INVALID);
        RuleSet set = RuleSet.builder("*.shop.example").rule("invalid-on-the-page", topOnly, Outcome.REJECTED_CAPTCHA).build();
        Detection detection = start(set);
        CompiledRuleSet compiled = detection.compiled();
        detection.onProbe(probe(compiled, "top-1", true));
        detection.onProbe(probe(compiled, "frame-1", false, topOnly));
        assertThat(detection.decideNow()).as("only a frame shows it").isEmpty();

        detection.onProbe(probe(compiled, "top-1", true, topOnly));
        assertThat(detection.decideNow()).map(v -> v.evidence().observations().get(0).source()).contains("top");
    }

    @Test
    void aBlankFrameDoesNotMoveThePageUrl() {
        RuleSet set = RuleSet.builder("*.shop.example").rule("moved", Condition.urlChanged(), Outcome.ACCEPTED).build();
        Detection detection = start(set);
        detection.onProbe(probe(detection.compiled(), "top-1", true));
        detection.onProbe(probe(detection.compiled(), "frame-1", false));
        detection.onNavigation("about:blank");

        assertThat(settled(detection)).isEmpty();
    }

    @Test
    void aFrameScopedConditionIsCompiledIntoTheFramesDocument() {
        Condition inLoginFrame = inFrame("iframe#login", INVALID);
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*.shop.example")
                .rule("invalid-in-frame", appeared(inLoginFrame), Outcome.REJECTED_CAPTCHA).build());

        assertThat(compiled.probeChecks()).isEqualTo(1);
        assertThat(compiled.needsBaseline()).isTrue();
        assertThat(compiled.probeFunction()).contains("inFrame(\"iframe#login\", function () { return contains(\"invalid captcha\"");
        assertThatThrownBy(() -> inFrame("iframe#login", widgetReset())).hasMessageContaining("a frame scope applies to element and text");
    }

    // ---- JSON exists / notNull ----

    @Test
    void aJsonNullIsPresentButNotNotNull() {
        Condition.Response exists = response("**/api/login", 200).jsonPresent("/token");
        Condition.Response notNull = response("**/api/login", 200).jsonNotNull("/token");
        for (String body : List.of("{\"token\": null}", "{\"token\": \"abc\"}", "{\"other\": 1}")) {
            RuleSet set = RuleSet.builder("*.shop.example").rule("not-null", notNull, Outcome.ACCEPTED)
                    .rule("exists", exists, Outcome.REJECTED_OTHER).build();
            Detection detection = start(set);
            detection.onResponse(ObservedResponse.of("https://www.shop.example/api/login", "POST", 200, "application/json", body));
            String rule = detection.decideNow().map(v -> v.evidence().rule()).orElse("none");
            assertThat(rule).as(body).isEqualTo(body.contains("null") ? "exists" : body.contains("abc") ? "not-null" : "none");
        }
        assertThatThrownBy(() -> new Condition.Response(UrlPattern.glob("**/x"), null, java.util.Set.of(), "/a", "1", null, true))
                .hasMessageContaining("notNull and equals cannot be combined");
        assertThat(response("**/x").json("/a", 1).jsonNotNull("/a").jsonValue()).as("the last test given wins").isNull();
    }
}
