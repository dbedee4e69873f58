package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.captchafeedback.task.SolvedTask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.junit.CaptchaFeedbackExtension;
import io.captchafeedback.verdictreport.VerdictReport;
import java.nio.file.Path;
import java.util.HashMap;
import org.junit.jupiter.api.io.TempDir;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs a plain test suite, written the way a user would, through the JUnit Platform and checks what the
 * extension did: drivers wrapped, verdicts awaited and reports delivered by the time each test ends, a
 * refused token failing its test when asked.
 */
class SeleniumCaptchaFeedbackExtensionTest extends DemoSiteFixture {

    /** Task ids the suite's tests used, by test name. */
    static final Map<String, SolvedTask> used = new ConcurrentHashMap<>();
    /** What the emulator had received when each test's successor started, by test name. */
    static final Map<String, List<ReceivedFeedback>> receivedBeforeNext = new ConcurrentHashMap<>();

    @Test
    void theExtensionWrapsTheDriverWaitsForVerdictsAndFailsATestWhoseTokenWasRefused() {
        TestExecutionSummary summary = run(SignInSuite.class);

        assertThat(summary.getTestsStartedCount()).isEqualTo(4);
        assertThat(summary.getFailures()).singleElement().satisfies(f -> {
            assertThat(f.getTestIdentifier().getDisplayName()).startsWith("aBadToken");
            assertThat(f.getException()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the site refused the captcha token: task " + used.get("aBadToken").key())
                    .hasMessageContaining("invalid-captcha-text");
        });
        assertThat(receivedBeforeNext.get("aGoodToken")).as("delivered before the next test began")
                .singleElement().satisfies(f -> assertThat(f.positive()).isTrue());
        assertThat(receivedBeforeNext.get("aBadToken")).singleElement().satisfies(f -> assertThat(f.positive()).isFalse());
        assertThat(receivedBeforeNext.get("ownScript")).singleElement().satisfies(f -> assertThat(f.positive()).isTrue());
    }

    @Test
    void theRunWritesAVerdictReportWhoseJsonListsEveryVerdictAndWhoseChartShowsInChromium(@TempDir Path dir) throws Exception {
        run(SignInSuite.class, Map.of(CaptchaFeedbackExtension.REPORT_DIR_PROPERTY, dir.toString()));

        JsonNode json = new ObjectMapper().readTree(dir.resolve(VerdictReport.JSON_FILE).toFile());
        Map<String, String> outcomes = new HashMap<>();
        for (JsonNode v : json.path("verdicts")) {
            outcomes.put(v.path("taskId").asText(), v.path("outcome").asText());
            assertThat(v.path("delivery").path("status").asText()).as("delivered: %s", v).isEqualTo("DELIVERED");
        }
        assertThat(outcomes).containsOnly(
                Map.entry(used.get("aGoodToken").taskId(), "ACCEPTED"),
                Map.entry(used.get("aBadToken").taskId(), "REJECTED_CAPTCHA"),
                Map.entry(used.get("ownScript").taskId(), "ACCEPTED"));
        JsonNode regotcha = json.path("providers").get(0);
        assertThat(regotcha.path("provider").asText()).isEqualTo("regotcha");
        assertThat(regotcha.path("acceptanceRate").asDouble()).isEqualTo(2.0 / 3.0);

        ReportScreenshot shot = ReportScreenshot.of(chrome, dir.resolve(VerdictReport.HTML_FILE), "acceptance-by-provider");
        assertThat(shot.pixels(0x2e7d32)).as("green (accepted) pixels in the chart").isGreaterThan(1_000);
        assertThat(shot.pixels(0xc62828)).as("red (rejected) pixels in the chart").isGreaterThan(500);
        assertThat(shot.pixels(0x2e7d32)).as("two accepted for one rejected").isGreaterThan(shot.pixels(0xc62828));
    }

    @Test
    void aSuiteWithoutAConfigurationFailsWithAMessageSayingWhatToDeclare() {
        TestExecutionSummary summary = run(UnconfiguredSuite.class);

        assertThat(summary.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .hasMessageContaining("no captcha-feedback configuration for " + UnconfiguredSuite.class.getName())
                .hasMessageContaining("@CaptchaFeedbackConfiguration(file = ... or factory = ...)"));
    }

    @Test
    void aConfigurationFileThatDoesNotExistIsNamed() {
        TestExecutionSummary summary = run(MissingFileSuite.class);

        assertThat(summary.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .hasMessageContaining("the captcha-feedback configuration file ")
                .hasMessageContaining("no-such-dir/captcha-feedback.yml")
                .hasMessageContaining("does not exist"));
    }

    @ExtendWith(SeleniumCaptchaFeedbackExtension.class)
    static class UnconfiguredSuite {
        @Test
        void test() {
        }
    }

    @ExtendWith(SeleniumCaptchaFeedbackExtension.class)
    @CaptchaFeedbackConfiguration(file = "no-such-dir/captcha-feedback.yml")
    static class MissingFileSuite {
        @Test
        void test() {
        }
    }

    static TestExecutionSummary run(Class<?> suite) {
        return run(suite, Map.of());
    }

    static TestExecutionSummary run(Class<?> suite, Map<String, String> configurationParameters) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite))
                .configurationParameters(configurationParameters).build(), listener);
        return listener.getSummary();
    }

    static SolvedTask solve(String test, DemoPage page, boolean good) {
        SolvedTask task = emulator.solve("regotcha", page.widget().captchaType(), site.url(page), page.widget().siteKey());
        if (!good) {
            emulator.markBad(task.taskId());
        }
        used.put(test, task);
        return task;
    }

    static void recordPrevious(String previous) {
        SolvedTask task = used.get(previous);
        receivedBeforeNext.put(previous, emulator.feedbackFor("regotcha", task.taskId()));
    }

    /** The suite as a user writes it (run by the test above, not directly). */
    @ExtendWith(SeleniumCaptchaFeedbackExtension.class)
    @CaptchaFeedbackConfiguration(factory = DemoFeedbackFactory.class, failOnRejectedCaptcha = true, verdictTimeoutMillis = 8000)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SignInSuite {
        static WebDriver driver;

        @BeforeAll
        static void browser() {
            driver = chrome; // a user would start their own driver here
        }

        @Test
        @Order(1)
        void aGoodToken(SeleniumCaptchaFeedback captcha) {
            DemoPage page = DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.INLINE_ERROR);
            driver.get(site.url(page));
            captcha.inject(solve("aGoodToken", page, true));
            driver.findElement(By.id("sign-in")).click();
        }

        @Test
        @Order(2)
        void aBadToken(SeleniumCaptchaFeedback captcha) {
            recordPrevious("aGoodToken");
            DemoPage page = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.INLINE_ERROR);
            driver.get(site.url(page));
            captcha.inject(solve("aBadToken", page, false));
            driver.findElement(By.id("sign-in")).click();
        }

        @Test
        @Order(3)
        void ownScript(io.captchafeedback.CaptchaFeedback feedback) {
            recordPrevious("aBadToken");
            DemoPage page = DemoPage.of(DemoWidget.RECAPTCHA_V2_INVISIBLE, DemoReaction.REDIRECT);
            SolvedTask task = solve("ownScript", page, true);
            feedback.register(task);
            driver.get(site.url(page));
            ((JavascriptExecutor) driver).executeScript("""
                    document.querySelector('textarea[name=g-recaptcha-response]').value = arguments[0];
                    onSubmit(arguments[0]);""", task.token());
        }

        @Test
        @Order(4)
        void last() {
            recordPrevious("ownScript");
        }
    }
}
