package io.captchafeedback.samples.cucumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.cucumber.CaptchaScenario;
import io.captchafeedback.cucumber.CucumberCaptchaFeedback;
import io.captchafeedback.cucumber.selenium.SeleniumCaptchaScenario;
import io.captchafeedback.samples.SampleSupport;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The sample suite's own steps. The testkit stands in for the outside world: the provider emulator
 * (it solves tasks and receives the feedback) and the demo site (it verifies tokens with the emulator).
 * In your suite, drop those two and solve with your provider's client.
 */
public class SignInSteps {
    private static final Duration REPORT_WAIT = Duration.ofSeconds(10);

    private static ProviderEmulator emulator;
    private static DemoSite site;
    private static WebDriver browser;
    /** This scenario's driver: the decorated one, so the tokens injected through it are judged. */
    private WebDriver driver;

    @BeforeAll
    public static void startTheWorld() {
        emulator = ProviderEmulator.start();
        site = DemoSite.start(emulator);
        browser = SeleniumChromium.start();   // your own ChromeDriver; this one is the system's headless Chromium
        // Where the run's CaptchaFeedback comes from: the configuration file (providers and rules), with
        // the emulator's key and URL as the environment the file reads.
        CucumberCaptchaFeedback.configure(() -> CaptchaFeedback.builder()
                .config(CaptchaFeedbackConfig.builder()
                        .file(Path.of("src/test/resources/selenium/captcha-feedback.yml"))
                        .environment(Map.of(
                                "REGOTCHA_KEY", emulator.apiKey("regotcha"),
                                "REGOTCHA_BASE_URL", emulator.baseUrl("regotcha")))
                        .build())
                .outbox(SampleSupport.freshOutbox())
                .build());
    }

    @AfterAll
    public static void stopTheWorld() {
        CucumberCaptchaFeedback.reset();
        browser.quit();
        site.close();
        emulator.close();
    }

    @Before
    public void attachTheBrowser() {
        driver = SeleniumCaptchaScenario.attach(browser);
    }

    @After
    public void leaveThePage() {
        browser.manage().deleteAllCookies();
    }

    @Given("a solved {word} captcha {string} for the page {string}")
    public void aSolvedCaptcha(String widget, String name, String path) {
        DemoWidget demoWidget = DemoWidget.valueOf(widget);
        // What your solving client does: a task for the page's widget, solved by the provider.
        SolvedTask task = emulator.solve("regotcha", demoWidget.captchaType(), site.url(path), demoWidget.siteKey());
        CaptchaScenario.current().remember(name, task);
    }

    @Given("the site will refuse the token of {string}")
    public void theSiteWillRefuse(String name) {
        emulator.markBad(CaptchaScenario.current().task(name).taskId());
    }

    @When("I open the page {string}")
    public void open(String path) {
        driver.get(site.url(path));
    }

    @When("I sign in")
    public void signIn() {
        driver.findElement(By.id("sign-in")).click();
    }

    @Then("the provider is told the token of {string} was {word}")
    public void theProviderIsTold(String name, String validity) {
        String taskId = CaptchaScenario.current().task(name).taskId();
        boolean valid = validity.equals("valid");
        // The report is delivered in the background: wait for the provider to have it.
        await().atMost(REPORT_WAIT).untilAsserted(() -> assertThat(emulator.feedbackFor("regotcha", taskId))
                .singleElement().satisfies(f -> assertThat(f.positive()).isEqualTo(valid)));
    }

    @Then("the provider is told nothing about {string}")
    public void theProviderIsToldNothing(String name) {
        String taskId = CaptchaScenario.current().task(name).taskId();
        // Reports leave within milliseconds of a verdict: had one been sent, the provider would see it here.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> emulator.feedbackFor("regotcha", taskId).isEmpty());
    }
}
