package io.captchafeedback.samples.testng;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.junit.CaptchaFeedbackFactory;
import io.captchafeedback.samples.SampleSupport;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import io.captchafeedback.testng.CaptchaFeedbackTestNG;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * Sample: a TestNG suite ({@code src/test/resources/testng/sign-in.xml}, {@code parallel="methods"}) that signs
 * in with Selenium; the listener declared in the XML judges every injected token, reports it to the provider,
 * puts the verdict on the test's result and fails the test whose token the site refused.
 *
 * <p>Each test method gets its own browser on its own thread and hands it over with
 * {@link CaptchaFeedbackTestNG#wrap}. The testkit stands in for the outside world: {@link #emulator} solves the
 * tasks and receives the feedback, {@link #site} verifies the tokens; in your suite, solve with your provider's
 * client. Run by {@code SignInWithTestNGTest}.
 */
public class SignInWithTestNG {
    static volatile ProviderEmulator emulator;
    static volatile DemoSite site;

    private final ThreadLocal<WebDriver> driver = new ThreadLocal<>();

    @BeforeMethod
    public void openBrowser() {
        driver.set(CaptchaFeedbackTestNG.wrap(SeleniumChromium.start())); // your own ChromeDriver
    }

    @AfterMethod(alwaysRun = true)
    public void quitBrowser() {
        if (driver.get() != null) {
            driver.get().quit();
            driver.remove();
        }
    }

    @Test
    public void aGoodTokenSignsIn() {
        signIn("/hcaptcha/inline-error", false);
    }

    @Test
    public void aRefusedTokenFailsThisTest() {
        signIn("/turnstile/inline-error", true);
    }

    @Test
    public void aWrongPasswordIsNotTheCaptchasFault() {
        signIn("/hcaptcha/wrong-password", false);
    }

    private void signIn(String path, boolean refused) {
        DemoWidget widget = path.startsWith("/hcaptcha") ? DemoWidget.HCAPTCHA : DemoWidget.TURNSTILE;
        String page = site.url(path);
        SolvedTask task = emulator.solve("regotcha", widget.captchaType(), page, widget.siteKey());
        if (refused) {
            emulator.markBad(task.taskId());
        }
        driver.get().get(page);
        SeleniumCaptchaFeedback captcha = CaptchaFeedbackTestNG.captcha(driver.get());
        captcha.inject(task);
        driver.get().findElement(By.id("sign-in")).click();
        // no wait here: after the method the listener waits for the verdict and its report
    }

    /** The suite's CaptchaFeedback, named in the XML: the configuration file, with the emulator's key and URL. */
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
