package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A session without WebDriver BiDi: verdicts come from probes on the test's thread only. Covers the
 * reactions the page itself shows (URL, elements, text, a widget reset in the same document); HTTP
 * statuses and XHR bodies are not seen in this mode (documented).
 */
class ProbeOnlyFlowTest extends DemoSiteFixture {

    static ChromeDriver classic;
    static CaptchaFeedback feedback;
    static SeleniumCaptchaFeedback cf;

    @BeforeAll
    static void startWithoutBiDi() {
        classic = chromeWithoutBiDi();
        feedback = newCaptchaFeedback();
        feedback.onVerdict(v -> SeleniumDemoSiteFlowTest.verdicts.put(v.task().key(), v));
        cf = SeleniumCaptchaFeedback.attach(classic, feedback);
        assertThat(cf.usesBiDi()).isFalse();
    }

    @AfterAll
    static void stop() {
        if (cf != null) {
            cf.driver().quit();
        }
        if (feedback != null) {
            feedback.close();
        }
    }

    static Stream<Arguments> pagesThePageItselfJudges() {
        List<Arguments> cases = new ArrayList<>();
        for (DemoWidget widget : List.of(DemoWidget.TURNSTILE, DemoWidget.RECAPTCHA_V2_INVISIBLE)) {
            for (DemoReaction reaction : List.of(DemoReaction.REDIRECT, DemoReaction.INLINE_ERROR,
                    DemoReaction.WIDGET_RESET, DemoReaction.WRONG_PASSWORD)) {
                cases.add(Arguments.of(DemoPage.of(widget, reaction), true));
                cases.add(Arguments.of(DemoPage.of(widget, reaction), false));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with a good token: {1}")
    @MethodSource("pagesThePageItselfJudges")
    void theVerdictAndTheFeedbackAreRightWithProbesAlone(DemoPage page, boolean good) throws Exception {
        SeleniumDemoSiteFlowTest.runFlow(cf, feedback, page, good);
    }
}
