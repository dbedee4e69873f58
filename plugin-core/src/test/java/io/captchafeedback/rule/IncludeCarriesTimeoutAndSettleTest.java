package io.captchafeedback.rule;

import io.captchafeedback.spi.CompiledRules;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.config.ConfigNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an {@code include} carries besides rules: the included set's timeout and settle, unless the set writes its own. */
class IncludeCarriesTimeoutAndSettleTest {

    private static Rules parse(String yaml) {
        return RuleFiles.parse(ConfigNode.parse("rules.yml", yaml, false, Map.<String, String>of()::get));
    }

    private static RuleSet set(Rules rules, String site) {
        return rules.forUrl(URI.create("https://" + site + "/")).orElseThrow();
    }

    @Test
    void aSetThatOnlyIncludesAnotherTakesItsTimeoutAndSettle() {
        Rules rules = parse("""
                rules:
                  - site: checkout.shop.example
                    include: [shop]
                  - site: "*.shop.example"
                    name: shop
                    timeout: 30s
                    settle: false
                    include: [defaults]
                """);

        RuleSet checkout = set(rules, "checkout.shop.example");
        assertThat(checkout.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(checkout.settle()).isEqualTo(Settle.NONE);
        assertThat(CompiledRules.of(rules).compile(checkout).ruleSet().timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSetsOwnTimeoutAndSettleWinOverTheIncludedOnes() {
        Rules rules = parse("""
                rules:
                  - site: checkout.shop.example
                    include: [shop]
                    timeout: 5s
                    settle: { quiet: 50ms, max: 200ms }
                  - site: "*.shop.example"
                    name: shop
                    timeout: 30s
                    settle: false
                    include: [defaults]
                """);

        RuleSet checkout = set(rules, "checkout.shop.example");
        assertThat(checkout.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(checkout.settle()).isEqualTo(Settle.of(Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    @Test
    void theFirstIncludeThatHasOneWinsDepthFirstThroughIncludesOfIncludes() {
        Rules rules = parse("""
                rules:
                  - site: a.example
                    include: [defaults, plain, middle, other]
                  - site: plain.example
                    name: plain
                    include: [defaults]
                  - site: middle.example
                    name: middle
                    include: [slow]
                  - site: slow.example
                    name: slow
                    timeout: 45s
                    include: [defaults]
                  - site: other.example
                    name: other
                    timeout: 2s
                    settle: { quiet: 10ms, max: 20ms }
                    include: [defaults]
                """);

        RuleSet a = set(rules, "a.example");
        assertThat(a.timeout()).as("through middle to slow, before other").isEqualTo(Duration.ofSeconds(45));
        assertThat(a.settle()).as("slow has none: other's").isEqualTo(Settle.of(Duration.ofMillis(10), Duration.ofMillis(20)));
        assertThat(set(rules, "middle.example").timeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void withNothingToInheritTheDefaultsApplyAndDefaultsCarriesOnlyRules() {
        Rules rules = parse("""
                rules:
                  - site: a.example
                    include: [defaults]
                """);

        RuleSet a = set(rules, "a.example");
        assertThat(a.timeout()).isEqualTo(RuleSet.DEFAULT_TIMEOUT);
        assertThat(a.settle()).isEqualTo(Settle.DEFAULT);
    }
}
