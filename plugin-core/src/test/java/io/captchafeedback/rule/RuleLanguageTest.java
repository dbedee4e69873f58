package io.captchafeedback.rule;

import static io.captchafeedback.rule.Condition.appeared;
import static io.captchafeedback.rule.Condition.inFrame;
import static io.captchafeedback.rule.Condition.textContains;
import static io.captchafeedback.rule.Condition.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.config.ConfigException;
import io.captchafeedback.config.ConfigNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The rule-file keys for appeared, frame, JSON exists/notNull, settle and Arkose resets, and their located errors. */
class RuleLanguageTest {

    static RuleSet only(String yaml) {
        return RuleFiles.parse(ConfigNode.parse("rules.yml", yaml, false, Map.<String, String>of()::get)).sets().get(0);
    }

    @Test
    void appearedFrameExistsNotNullSettleAndArkoseAreRead() {
        RuleSet set = only("""
                rules:
                  - site: "*.shop.example"
                    settle: { quiet: 50ms, max: 200ms }
                    rules:
                      - name: error-appeared
                        when: { text: { contains: "Invalid captcha", in: ".error", appeared: true } }
                        verdict: REJECTED_CAPTCHA
                      - name: welcome-in-frame
                        when: { element: { visible: "#welcome", frame: "iframe#login", appeared: true } }
                        verdict: ACCEPTED
                      - name: token-issued
                        when: { response: { url: "**/api/login", json: { pointer: /token, notNull: true } } }
                        verdict: ACCEPTED
                      - name: token-field
                        when: { response: { url: "**/api/login", json: { pointer: /token, exists: true } } }
                        verdict: REJECTED_OTHER
                      - name: arkose-reset
                        when: { widgetReset: { widgets: [arkose] } }
                        verdict: REJECTED_CAPTCHA
                      - name: banner-on-the-page
                        when: { text: { contains: "Welcome", frame: top } }
                        verdict: ACCEPTED
                """);

        assertThat(set.settle()).isEqualTo(Settle.of(Duration.ofMillis(50), Duration.ofMillis(200)));
        assertThat(set.rules().get(0).when()).isEqualTo(appeared(textContains("Invalid captcha", ".error")));
        assertThat(set.rules().get(1).when()).isEqualTo(appeared(inFrame("iframe#login", visible("#welcome"))));
        assertThat(set.rules().get(2).when()).isEqualTo(Condition.response("**/api/login").jsonNotNull("/token"));
        assertThat(set.rules().get(3).when()).isEqualTo(Condition.response("**/api/login").jsonPresent("/token"));
        assertThat(set.rules().get(4).when()).isEqualTo(new Condition.WidgetReset(Set.of(Widget.ARKOSE)));
        assertThat(set.rules().get(5).when()).isEqualTo(Condition.inTop(textContains("Welcome")));
    }

    @Test
    void settleFalseDecidesAtOnceAndTheDefaultIsAHundredMillisecondsQuietAtMostTwoHundredFifty() {
        assertThat(only("rules: [ { site: a.example, settle: false, include: [defaults] } ]").settle()).isEqualTo(Settle.NONE);
        assertThat(only("rules: [ { site: a.example, include: [defaults] } ]").settle())
                .isEqualTo(Settle.of(Duration.ofMillis(100), Duration.ofMillis(250)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{ text: { contains: x, appeared: sure } }|4:59|expected true or false, got 'sure'",
            "{ element: { visible: '#a', frame: 'iframe[' } }|4:61|a '[' is not closed",
            "{ element: { present: '#a', visible: '#b' } }|4:37|expected exactly one of: present, visible",
            "{ response: { url: '**/x', json: { pointer: /a, equals: 1, notNull: true } } }|4:59|expected at most one of equals:, exists:, notNull:",
            "{ response: { url: '**/x', json: { pointer: /a, exists: false } } }|4:82|expected true (leave exists: out otherwise)",
            "{ widgetReset: { widgets: [arkos] } }|4:53|unknown value 'arkos' (did you mean 'arkose'?)"})
    void mistakesInTheNewKeysAreReportedWhereTheyAre(String when, String at, String message) {
        String yaml = """
                rules:
                  - site: a.example
                    rules:
                      - { name: r, when: %s, verdict: REJECTED_CAPTCHA }
                """.formatted(when);
        assertThatThrownBy(() -> only(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.yml:" + at).hasMessageContaining(message);
    }

    @Test
    void aSettleWindowLongerThanItsMaximumIsReportedOnTheKey() {
        assertThatThrownBy(() -> only("""
                rules:
                  - site: a.example
                    settle: { quiet: 300ms, max: 200ms }
                    include: [defaults]
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.yml:3:13").hasMessageContaining("settle max (200ms) is shorter than quiet (300ms)");
    }
}
