package io.captchafeedback.selenide;

import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.SelenideConfig;
import com.codeborne.selenide.SelenideDriver;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.browser.Chromium;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code SelenideDriver} of the test's own, created with the library's listener, outside any suite
 * integration ({@link CaptchaFeedbackSelenide#use}): its browser is judged and reported like Selenide's own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaptchaFeedbackSelenideTest extends DemoWorld {

    @Test
    void aSelenideDriverCreatedWithTheListenerIsJudgedAndItsRefusedTokenReported() throws Exception {
        try (CaptchaFeedback feedback = new DemoWorld.Factory().create()) {
            CaptchaFeedbackSelenide.use(feedback);
            SelenideConfig config = new SelenideConfig().browser("chrome").headless(true)
                    .browserBinary(Chromium.binary().toString()).browserCapabilities(SeleniumChromium.options()).timeout(8_000);
            SelenideDriver browser = new SelenideDriver(config, List.of(CaptchaFeedbackSelenide.listener()));
            try {
                DemoPage page = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.INLINE_ERROR);
                browser.open(DemoWorld.site.url(page));
                SolvedTask task = DemoWorld.solve(page, false);

                CaptchaFeedbackSelenide.captcha(browser).inject(task);
                browser.$("#sign-in").click();

                assertThat(CaptchaFeedbackSelenide.captcha(browser).awaitVerdict(Duration.ofSeconds(10)))
                        .hasValueSatisfying(v -> {
                            assertThat(v.task().taskId()).isEqualTo(task.taskId());
                            assertThat(v.verdict().outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
                            assertThat(v.report().result().join()).hasToString("DELIVERED");
                        });
                assertThat(DemoWorld.emulator.feedbackFor("regotcha", task.taskId()))
                        .singleElement().satisfies(f -> assertThat(f.positive()).isFalse());
            } finally {
                browser.close();
                CaptchaFeedbackSelenide.useNone();
            }
        }
    }
}
