package io.captchafeedback.spi;



import io.captchafeedback.rule.Condition;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.UrlPattern;
import io.captchafeedback.rule.Widget;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownEvidenceTest {

    @Test
    void anUnknownVerdictSaysWhatWasObservedSoOneSeesWhyNoRuleFired() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
        CompiledRuleSet compiled = CompiledRuleSet.of(RuleSet.builder("*.shop.example").timeout(Duration.ofSeconds(2))
                .rule("refused", new Condition.Response(UrlPattern.glob("**/login"), null, java.util.Set.of(403), null, null, null),
                        Outcome.REJECTED_CAPTCHA).build());
        Detection detection = compiled.start(URI.create("https://shop.example/login"), clock);
        detection.onResponse(ObservedResponse.of("https://shop.example/api/verify", "POST", 200));
        detection.onWidgetEvent(WidgetEvent.reset(Widget.RECAPTCHA));
        detection.onCookies(List.of("sid"));
        clock.advance(Duration.ofSeconds(2));

        Verdict verdict = detection.timeout();

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(verdict.evidence().observations()).filteredOn(o -> o.source().equals("observed"))
                .extracting(Evidence.Observation::value).singleElement().asString()
                .contains("responses: POST https://shop.example/api/verify 200").contains("1 widget resets").contains("cookies: sid");
    }
}
