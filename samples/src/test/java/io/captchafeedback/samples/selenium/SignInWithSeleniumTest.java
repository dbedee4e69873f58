package io.captchafeedback.samples.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.junit.CaptchaFeedbackFactory;
import io.captchafeedback.samples.SampleSupport;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import io.captchafeedback.selenium.SeleniumCaptchaFeedbackExtension;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.TestkitExtension;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Sample: a JUnit 5 suite that signs in with Selenium on captcha-protected pages, with captcha-feedback
 * judging every injected token and reporting it to the provider that solved it.
 *
 * <p>The testkit stands in for the outside world: {@link TestkitExtension} starts a provider emulator (it
 * solves tasks and receives the feedback) and the demo site (it verifies tokens with the emulator).
 * In your suite, drop those two and solve with your provider's client.
 */
@ExtendWith(TestkitExtension.class)
@ExtendWith(SeleniumCaptchaFeedbackExtension.class)
@CaptchaFeedbackConfiguration(factory = SignInWithSeleniumTest.EmulatorFeedback.class)
class SignInWithSeleniumTest {
    private static final Duration VERDICT_WAIT = Duration.ofSeconds(10);

    static ProviderEmulator emulator;
    static DemoSite site;
    /** Declared as WebDriver: the extension replaces it with the decorated driver before each test. */
    static WebDriver driver;

    @BeforeAll
    static void start(ProviderEmulator providerEmulator, DemoSite demoSite) {
        emulator = providerEmulator;
        site = demoSite;
        driver = SeleniumChromium.start();   // your own ChromeDriver; this one is the system's headless Chromium
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    /**
     * The suite's CaptchaFeedback: the configuration file (providers and rules), with the key and base
     * URL of the emulator given as the environment the file reads. Called before the first test, after
     * {@code @BeforeAll}.
     */
    public static final class EmulatorFeedback implements CaptchaFeedbackFactory {
        @Override
        public CaptchaFeedback create() {
            CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder()
                    .file(Path.of("src/test/resources/selenium/captcha-feedback.yml"))
                    .environment(Map.of(
                            "REGOTCHA_KEY", emulator.apiKey("regotcha"),
                            "REGOTCHA_BASE_URL", emulator.baseUrl("regotcha")))
                    .build();
            return CaptchaFeedback.builder().config(config).outbox(SampleSupport.freshOutbox()).build();
        }
    }

    @Test
    void aGoodTokenSignsInAndTheProviderHearsItWasValid(SeleniumCaptchaFeedback captcha) {
        String page = site.url("/hcaptcha/inline-error");
        SolvedTask task = solve(DemoWidget.HCAPTCHA, page);

        driver.get(page);
        captcha.inject(task);
        driver.findElement(By.id("sign-in")).click();

        Verdict verdict = captcha.awaitVerdict(VERDICT_WAIT).orElseThrow().verdict();
        assertThat(verdict.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(verdict.evidence().rule()).isEqualTo("signed-in");
        // The report is delivered in the background: wait for the provider to have it.
        await().atMost(VERDICT_WAIT).untilAsserted(() -> assertThat(emulator.feedbackFor("regotcha", task.taskId()))
                .singleElement().satisfies(f -> {
                    assertThat(f.positive()).isTrue();
                    assertThat(f.recorded()).isTrue();
                }));
    }

    @Test
    void aTokenTheSiteRefusesIsReportedAsInvalid(SeleniumCaptchaFeedback captcha) {
        String page = site.url("/turnstile/inline-error");
        SolvedTask task = solve(DemoWidget.TURNSTILE, page);
        emulator.markBad(task.taskId());      // the emulator's way of handing out a token the site will refuse

        driver.get(page);
        captcha.inject(task);
        driver.findElement(By.id("sign-in")).click();

        Verdict verdict = captcha.awaitVerdict(VERDICT_WAIT).orElseThrow().verdict();
        assertThat(verdict.outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        assertThat(verdict.evidence().rule()).isEqualTo("invalid-captcha");
        await().atMost(VERDICT_WAIT).untilAsserted(() -> assertThat(emulator.feedbackFor("regotcha", task.taskId()))
                .singleElement().satisfies(f -> {
                    assertThat(f.positive()).isFalse();
                    assertThat(f.recorded()).isTrue();
                }));
    }

    @Test
    void aWrongPasswordIsNotTheCaptchasFaultAndNothingIsSent(SeleniumCaptchaFeedback captcha) {
        String page = site.url("/recaptcha-v2/wrong-password");   // the form comes with a wrong password
        SolvedTask task = solve(DemoWidget.RECAPTCHA_V2, page);

        driver.get(page);
        captcha.inject(task);
        driver.findElement(By.id("sign-in")).click();

        Verdict verdict = captcha.awaitVerdict(VERDICT_WAIT).orElseThrow().verdict();
        assertThat(verdict.outcome()).isEqualTo(Outcome.REJECTED_OTHER);
        assertThat(verdict.evidence().rule()).isEqualTo("wrong-password");
        // Reports leave within milliseconds of a verdict: had one been sent, the provider would see it here.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> emulator.requestCount("regotcha") == 0);
    }

    /** What your solving client does: a task for the page's widget, solved by the provider. */
    private static SolvedTask solve(DemoWidget widget, String pageUrl) {
        return emulator.solve("regotcha", widget.captchaType(), pageUrl, widget.siteKey());
    }
}
