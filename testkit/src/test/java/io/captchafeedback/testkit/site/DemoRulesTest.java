package io.captchafeedback.testkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.rule.Rules;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DemoRulesTest {

    @Test
    void everyDemoPageHasARuleSetChosenByItsReaction() {
        Rules rules = DemoRules.rules();
        for (DemoPage page : DemoSite.pages()) {
            URI url = URI.create("http://127.0.0.1:8080" + page.path());
            assertThat(rules.forUrl(url)).as(page.path()).isPresent();
            assertThat(rules.forUrl(url).get().path()).as(page.path()).contains(page.reaction().path());
        }
    }

    @Test
    void pagesOfOtherHostsHaveNoRuleSet() {
        assertThat(DemoRules.rules().forUrl(URI.create("https://shop.example/recaptcha-v2/redirect"))).isEmpty();
    }
}
