package io.captchafeedback.samples.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.junit.UsePlaywright;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.junit.CaptchaFeedbackFactory;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.playwright.PlaywrightCaptchaFeedbackExtension;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.samples.SampleSupport;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.TestkitExtension;
import io.captchafeedback.testkit.browser.SystemChromiumOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sample: a JUnit 5 suite with Playwright. Playwright's own {@code @UsePlaywright} gives each test a
 * fresh {@link Page}; {@link PlaywrightCaptchaFeedbackExtension} attaches captcha-feedback to that
 * page's context and hands the test an {@link Attachment} to inject tokens and await verdicts.
 *
 * <p>The testkit stands in for the outside world: {@link TestkitExtension} starts a provider emulator (it
 * solves tasks and receives the feedback) and the demo site (it verifies tokens with the emulator).
 */
@UsePlaywright(SystemChromiumOptions.class)
@ExtendWith(TestkitExtension.class)
@ExtendWith(PlaywrightCaptchaFeedbackExtension.class)
@CaptchaFeedbackConfiguration(factory = SignInWithPlaywrightTest.EmulatorFeedback.class)
class SignInWithPlaywrightTest {
    private static final Duration VERDICT_WAIT = Duration.ofSeconds(10);

    static ProviderEmulator emulator;
    static DemoSite site;

    /** The suite's CaptchaFeedback: the configuration file, with the emulator's key and URL as its environment. */
    public static final class EmulatorFeedback implements CaptchaFeedbackFactory {
        @Override
        public CaptchaFeedback create() {
            CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder()
                    .file(Path.of("src/test/resources/playwright/captcha-feedback.yml"))
                    .environment(Map.of(
                            "UCAPTCHA_KEY", emulator.apiKey("ucaptcha"),
                            "UCAPTCHA_BASE_URL", emulator.baseUrl("ucaptcha")))
                    .build();
            return CaptchaFeedback.builder().config(config).outbox(SampleSupport.freshOutbox()).build();
        }
    }

    @BeforeAll
    static void servers(ProviderEmulator providerEmulator, DemoSite demoSite) {
        emulator = providerEmulator;
        site = demoSite;
    }

    @Test
    void aGoodTokenSignsInAndTheProviderHearsItWasValid(Page page, Attachment captcha) throws Exception {
        String url = site.url("/recaptcha-v2-invisible/redirect");
        SolvedTask task = solve(DemoWidget.RECAPTCHA_V2_INVISIBLE, url);

        page.navigate(url);
        awaitField(page, "textarea[name=g-recaptcha-response]");
        captcha.inject(page, task).orThrow();   // the invisible widget's callback submits the form

        TaskVerdict verdict = captcha.awaitVerdict(VERDICT_WAIT).orElseThrow();
        assertThat(verdict.verdict().outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(page.url()).endsWith("/recaptcha-v2-invisible/welcome");
        // The report goes out in the background; its handle says when the provider has it.
        assertThat(verdict.report().result().get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(emulator.feedbackFor("ucaptcha", task.taskId()))
                .singleElement().satisfies(f -> assertThat(f.positive()).isTrue());
    }

    @Test
    void aTokenTheSiteRefusesIsReportedAsInvalid(Page page, Attachment captcha) throws Exception {
        String url = site.url("/recaptcha-v3/xhr-json");
        SolvedTask task = solve(DemoWidget.RECAPTCHA_V3, url);
        emulator.markBad(task.taskId());        // the emulator's way of handing out a token the site will refuse

        page.navigate(url);
        page.waitForFunction("() => window.grecaptcha && grecaptcha.execute");
        captcha.inject(page, task).orThrow();   // v3: grecaptcha.execute now resolves with the token
        page.click("#sign-in");

        TaskVerdict verdict = captcha.awaitVerdict(VERDICT_WAIT).orElseThrow();
        assertThat(verdict.verdict().outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        assertThat(verdict.verdict().evidence().rule()).isEqualTo("verify-refused");
        assertThat(verdict.report().result().get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(emulator.feedbackFor("ucaptcha", task.taskId()))
                .singleElement().satisfies(f -> assertThat(f.positive()).isFalse());
    }

    @Test
    void aWrongPasswordIsNotTheCaptchasFaultAndNothingIsSent(Page page, Attachment captcha) throws Exception {
        String url = site.url("/funcaptcha/wrong-password");   // the form comes with a wrong password
        SolvedTask task = solve(DemoWidget.FUNCAPTCHA, url);

        page.navigate(url);
        awaitField(page, "#FunCaptcha-Token");
        captcha.inject(page, task).orThrow();
        page.click("#sign-in");

        TaskVerdict verdict = captcha.awaitVerdict(VERDICT_WAIT).orElseThrow();
        assertThat(verdict.verdict().outcome()).isEqualTo(Outcome.REJECTED_OTHER);
        assertThat(verdict.verdict().evidence().rule()).isEqualTo("wrong-password");
        assertThat(verdict.report().result().get(10, TimeUnit.SECONDS).isDelivered()).isFalse();
        assertThat(emulator.requestCount("ucaptcha")).as("requests to the provider's feedback API").isZero();
    }

    /** Waits until the widget has rendered its (hidden) response field. */
    private static void awaitField(Page page, String selector) {
        page.waitForSelector(selector, new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
    }

    /** What your solving client does: a task for the page's widget, solved by the provider. */
    private static SolvedTask solve(DemoWidget widget, String pageUrl) {
        return emulator.solve("ucaptcha", widget.captchaType(), pageUrl, widget.siteKey());
    }
}
