package io.captchafeedback.samples.selenide;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codeborne.selenide.Configuration;
import com.codeborne.selenide.Selenide;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.junit.CaptchaFeedbackFactory;
import io.captchafeedback.samples.SampleSupport;
import io.captchafeedback.selenide.CaptchaFeedbackSelenide;
import io.captchafeedback.selenide.SelenideCaptchaFeedbackExtension;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.TestkitExtension;
import io.captchafeedback.testkit.browser.Chromium;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sample: a Selenide suite under JUnit 5. {@link SelenideCaptchaFeedbackExtension} adds the library's listener
 * to Selenide before the browser opens; the tests inject with {@link CaptchaFeedbackSelenide} next to their
 * Selenide code, and after each test the extension waits for the verdict and its report.
 *
 * <p>The testkit stands in for the outside world (provider emulator, demo site); Selenide is pointed at the
 * system's headless Chromium. In your suite, keep your Selenide configuration and solve with your provider's client.
 */
@ExtendWith(TestkitExtension.class)
@ExtendWith(SelenideCaptchaFeedbackExtension.class)
@CaptchaFeedbackConfiguration(factory = SignInWithSelenideTest.EmulatorFeedback.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignInWithSelenideTest {
    static ProviderEmulator emulator;
    static DemoSite site;

    @BeforeAll
    static void start(ProviderEmulator providerEmulator, DemoSite demoSite) {
        emulator = providerEmulator;
        site = demoSite;
        System.setProperty("webdriver.chrome.driver", Chromium.driver().toString());
        Configuration.browser = "chrome";
        Configuration.browserBinary = Chromium.binary().toString();
        Configuration.browserCapabilities = SeleniumChromium.options(); // headless, BiDi on
    }

    @AfterAll
    static void stop() {
        Selenide.closeWebDriver();
    }

    @Test
    void aGoodTokenSignsInAndTheProviderHearsItWasValid() {
        open(site.url("/hcaptcha/inline-error"));
        SolvedTask task = emulator.solve("regotcha", DemoWidget.HCAPTCHA.captchaType(), site.url("/hcaptcha/inline-error"),
                DemoWidget.HCAPTCHA.siteKey());

        CaptchaFeedbackSelenide.inject(task);
        $("#sign-in").click();
        $(".success").shouldHave(text("Welcome back"));

        assertThat(CaptchaFeedbackSelenide.awaitVerdict(Duration.ofSeconds(10)).orElseThrow().verdict().outcome())
                .isEqualTo(Outcome.ACCEPTED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(emulator.feedbackFor("regotcha", task.taskId()))
                .singleElement().satisfies(f -> assertThat(f.positive()).isTrue()));
    }

    /** The suite's CaptchaFeedback: the configuration file, with the emulator's key and URL as its environment. */
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
}
