package io.captchafeedback.selenide;

import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.Selenide;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import io.captchafeedback.testng.CaptchaFeedbackListener;
import io.captchafeedback.testng.CaptchaFeedbackTestNG;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.TestNG;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Listeners;

/**
 * Runs a Selenide suite under TestNG with the {@code TestNG} runner; the browser is a driver of the suite's own,
 * handed to Selenide with {@link CaptchaFeedbackSelenide#setWebDriver}: each verdict lands on its test's
 * {@code ITestResult}, the emulator gets exactly the due feedback and the refused token fails its test.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class CaptchaFeedbackSelenideUnderTestNGTest extends DemoWorld {

    @Test
    void aBrowserSelenideOpensItselfAfterInstallIsJudgedUnderTestNG(@TempDir Path out) {
        Map<String, ITestResult> results = run(SelenideOpensTheBrowser.class, out);

        assertThat(results).containsOnlyKeys("refusedToken");
        assertThat(results.get("refusedToken").getStatus()).as("not opted in: passes").isEqualTo(ITestResult.SUCCESS);
        assertThat(CaptchaFeedbackTestNG.verdicts(results.get("refusedToken"))).singleElement()
                .satisfies(v -> assertThat(v.verdict().outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA));
        assertThat(SelenideCaptchaFeedbackExtensionTest.feedbackFor("refusedToken")).singleElement()
                .satisfies(f -> assertThat(f.positive()).isFalse());
    }

    @Test
    void aSelenideSuiteUnderTestNGPutsEachVerdictOnItsTestResult(@TempDir Path out) {
        Map<String, ITestResult> results = run(SelenideTestNGSuite.class, out);
        assertThat(results).containsOnlyKeys("goodToken", "refusedToken", "wrongPassword");
        Map<String, Outcome> expected = Map.of("goodToken", Outcome.ACCEPTED, "refusedToken", Outcome.REJECTED_CAPTCHA,
                "wrongPassword", Outcome.REJECTED_OTHER);
        expected.forEach((name, outcome) -> assertThat(CaptchaFeedbackTestNG.verdicts(results.get(name))).as(name).singleElement()
                .satisfies(v -> {
                    assertThat(v.task().taskId()).isEqualTo(SignInSteps.used.get(name).taskId());
                    assertThat(v.verdict().outcome()).isEqualTo(outcome);
                }));
        assertThat(results.get("goodToken").getStatus()).isEqualTo(ITestResult.SUCCESS);
        assertThat(results.get("wrongPassword").getStatus()).isEqualTo(ITestResult.SUCCESS);
        assertThat(results.get("refusedToken").getStatus()).isEqualTo(ITestResult.FAILURE);
        assertThat(results.get("refusedToken").getThrowable()).hasMessageContaining("the site refused the captcha token");

        assertThat(SelenideCaptchaFeedbackExtensionTest.feedbackFor("goodToken")).singleElement().satisfies(f -> assertThat(f.positive()).isTrue());
        assertThat(SelenideCaptchaFeedbackExtensionTest.feedbackFor("refusedToken")).singleElement().satisfies(f -> assertThat(f.positive()).isFalse());
        assertThat(SelenideCaptchaFeedbackExtensionTest.feedbackFor("wrongPassword")).isEmpty();
        assertThat(DemoWorld.emulator.feedback()).hasSize(2);
    }

    private static Map<String, ITestResult> run(Class<?> suite, Path out) {
        DemoWorld.emulator.reset();
        TestNG testng = new TestNG(false);
        testng.setTestClasses(new Class<?>[] {suite});
        testng.setOutputDirectory(out.toString());
        List<ITestResult> all = new CopyOnWriteArrayList<>();
        testng.addListener(new ITestListener() {
            @Override public void onTestSuccess(ITestResult r) { all.add(r); }
            @Override public void onTestFailure(ITestResult r) { all.add(r); }
            @Override public void onTestSkipped(ITestResult r) { all.add(r); }
        });
        testng.run();
        Map<String, ITestResult> results = new HashMap<>();
        all.forEach(r -> results.put(r.getMethod().getMethodName(), r));
        return results;
    }

    /** Selenide opens the browser itself, with the listener installed before (no failOnRejectedCaptcha here). */
    @Listeners(CaptchaFeedbackListener.class)
    @CaptchaFeedbackConfiguration(factory = DemoWorld.Factory.class, verdictTimeoutMillis = 8000)
    public static class SelenideOpensTheBrowser {
        @BeforeClass
        public void installListener() {
            CaptchaFeedbackSelenide.install();
        }

        @AfterClass(alwaysRun = true)
        public void closeBrowser() {
            Selenide.closeWebDriver();
        }

        @org.testng.annotations.Test
        public void refusedToken() {
            SignInSteps.signIn("refusedToken", DemoReaction.INLINE_ERROR, false);
        }
    }

    /** The suite as a user writes it (run by the test above, not directly). */
    @Listeners(CaptchaFeedbackListener.class)
    @CaptchaFeedbackConfiguration(factory = DemoWorld.Factory.class, failOnRejectedCaptcha = true, verdictTimeoutMillis = 8000)
    public static class SelenideTestNGSuite {
        @BeforeClass
        public void browser() {
            CaptchaFeedbackSelenide.setWebDriver(SeleniumChromium.start());
        }

        @AfterClass(alwaysRun = true)
        public void closeBrowser() {
            Selenide.closeWebDriver();
        }

        @org.testng.annotations.Test(priority = 1)
        public void goodToken() {
            SignInSteps.signIn("goodToken", DemoReaction.INLINE_ERROR, true);
        }

        @org.testng.annotations.Test(priority = 2)
        public void refusedToken() {
            SignInSteps.signIn("refusedToken", DemoReaction.INLINE_ERROR, false);
        }

        @org.testng.annotations.Test(priority = 3)
        public void wrongPassword() {
            SignInSteps.signIn("wrongPassword", DemoReaction.WRONG_PASSWORD, true);
        }
    }
}
