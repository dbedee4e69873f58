package io.captchafeedback.testng;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.verdictreport.VerdictReport;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.Reporter;
import org.testng.TestNG;
import org.testng.annotations.Listeners;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

/**
 * Runs real TestNG suites with the {@code TestNG} runner against headless Chromium, the demo site and the
 * provider emulator, and checks what the listener did: each verdict on its own test's result (also with
 * {@code parallel="methods"} on three threads), exactly the due feedback at the emulator, the opt-in failure,
 * the run's verdict report.
 */
@Timeout(value = 110, unit = TimeUnit.SECONDS)
class CaptchaFeedbackListenerTest {

    static DemoBrowsers world;

    @BeforeAll
    static void start() {
        world = new DemoBrowsers(3);
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @BeforeEach
    void reset() {
        world.emulator.reset();
        SignInSuite.used.clear();
        SignInSuite.threads.clear();
    }

    @Test
    void aParallelSuiteKeepsEachVerdictWithItsOwnTestAndTheProviderGetsExactlyTheDueFeedback(@TempDir Path out) throws Exception {
        Map<String, String> parameters = Map.of(
                "captchafeedback.factory", DemoBrowsers.Factory.class.getName(),
                "captchafeedback.failOnRejectedCaptcha", "true",
                "captchafeedback.verdictTimeoutMillis", "10000",
                "captchafeedback.report.dir", out.resolve("report").toString());
        Map<String, ITestResult> results = run(SignInSuite.class, XmlSuite.ParallelMode.METHODS, parameters, out);

        assertThat(results).hasSize(6);
        assertThat(new HashSet<>(SignInSuite.threads.values())).as("ran on several threads").hasSizeGreaterThan(1);
        Map<String, Outcome> expected = Map.of(
                "goodTokenOne", Outcome.ACCEPTED, "goodTokenTwo", Outcome.ACCEPTED,
                "refusedTokenOne", Outcome.REJECTED_CAPTCHA, "refusedTokenTwo", Outcome.REJECTED_CAPTCHA,
                "wrongPasswordOne", Outcome.REJECTED_OTHER, "wrongPasswordTwo", Outcome.REJECTED_OTHER);
        expected.forEach((name, outcome) -> {
            ITestResult result = results.get(name);
            List<TaskVerdict> verdicts = CaptchaFeedbackTestNG.verdicts(result);
            assertThat(verdicts).as("verdicts of %s", name).singleElement().satisfies(v -> {
                assertThat(v.task().taskId()).isEqualTo(SignInSuite.used.get(name).taskId());
                assertThat(v.verdict().outcome()).isEqualTo(outcome);
            });
            assertThat(Reporter.getOutput(result)).as("reporter output of %s", name).singleElement().asString()
                    .startsWith("captcha-feedback: task " + SignInSuite.used.get(name).key() + " " + outcome);
            assertThat(result.getAttribute(CaptchaFeedbackTestNG.SUMMARY_ATTRIBUTE)).asList().hasSize(1);
            if (outcome == Outcome.REJECTED_CAPTCHA) {
                assertThat(result.getStatus()).as("status of %s", name).isEqualTo(ITestResult.FAILURE);
                assertThat(result.getThrowable()).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("the site refused the captcha token: task " + SignInSuite.used.get(name).key());
            } else {
                assertThat(result.getStatus()).as("status of %s", name).isEqualTo(ITestResult.SUCCESS);
            }
        });

        expected.forEach((name, outcome) -> {
            List<ReceivedFeedback> received = world.emulator.feedbackFor("regotcha", SignInSuite.used.get(name).taskId());
            switch (outcome) {
                case ACCEPTED -> assertThat(received).as("feedback for %s", name).singleElement().satisfies(f -> assertThat(f.positive()).isTrue());
                case REJECTED_CAPTCHA -> assertThat(received).as("feedback for %s", name).singleElement().satisfies(f -> assertThat(f.positive()).isFalse());
                default -> assertThat(received).as("no feedback for %s (not the captcha's fault)", name).isEmpty();
            }
        });
        assertThat(world.emulator.feedback()).hasSize(4);

        JsonNode json = new ObjectMapper().readTree(out.resolve("report").resolve(VerdictReport.JSON_FILE).toFile());
        Map<String, String> inReport = new HashMap<>();
        json.path("verdicts").forEach(v -> inReport.put(v.path("taskId").asText(), v.path("outcome").asText()));
        Map<String, String> due = new HashMap<>();
        expected.forEach((name, outcome) -> due.put(SignInSuite.used.get(name).taskId(), outcome.name()));
        assertThat(inReport).isEqualTo(due);
    }

    @Test
    void inParallelClassesModeEachClassKeepsTheVerdictsOfItsOwnBrowser(@TempDir Path out) {
        Map<String, String> parameters = Map.of(
                "captchafeedback.factory", DemoBrowsers.Factory.class.getName(),
                "captchafeedback.report.dir", "none");
        List<ITestResult> results = runAll(List.of(PerClassBrowserSuite.First.class, PerClassBrowserSuite.Second.class),
                XmlSuite.ParallelMode.CLASSES, parameters, out);

        assertThat(results).hasSize(4);
        assertThat(new HashSet<>(SignInSuite.threads.values())).as("one thread per class").hasSize(2);
        for (ITestResult result : results) {
            String name = result.getTestClass().getRealClass().getSimpleName() + "." + result.getMethod().getMethodName();
            assertThat(CaptchaFeedbackTestNG.verdicts(result)).as("verdicts of %s", name).singleElement().satisfies(v -> {
                assertThat(v.task().taskId()).isEqualTo(SignInSuite.used.get(name).taskId());
                assertThat(v.verdict().outcome()).isEqualTo(name.endsWith("goodToken") ? Outcome.ACCEPTED : Outcome.REJECTED_CAPTCHA);
            });
        }
        assertThat(world.emulator.feedback()).extracting(ReceivedFeedback::positive).containsExactlyInAnyOrder(true, true, false, false);
    }

    @Test
    void withoutTheOptInARefusedTokenIsReportedButItsTestPasses(@TempDir Path out) {
        Map<String, ITestResult> results = run(AnnotatedSuite.class, XmlSuite.ParallelMode.NONE,
                Map.of("captchafeedback.report.dir", "none"), out);

        ITestResult refused = results.get("refusedTokenOne");
        assertThat(refused.getStatus()).as("%s", refused.getThrowable()).isEqualTo(ITestResult.SUCCESS);
        assertThat(CaptchaFeedbackTestNG.verdicts(refused)).singleElement()
                .satisfies(v -> assertThat(v.verdict().outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA));
        assertThat(world.emulator.feedbackFor("regotcha", SignInSuite.used.get("refusedTokenOne").taskId()))
                .singleElement().satisfies(f -> assertThat(f.positive()).isFalse());
        assertThat(results.get("goodTokenOne").getStatus()).isEqualTo(ITestResult.SUCCESS);
    }

    @Test
    void aSuiteWithoutAConfigurationFailsTheTestThatHandsOverADriverWithAMessageSayingWhatToSet(@TempDir Path out) {
        Map<String, ITestResult> results = run(UnconfiguredSuite.class, XmlSuite.ParallelMode.NONE, Map.of(), out);

        assertThat(results.get("handsOver").getStatus()).isEqualTo(ITestResult.FAILURE);
        assertThat(results.get("handsOver").getThrowable())
                .hasMessageContaining("no captcha-feedback configuration for the TestNG suite 'under-test'")
                .hasMessageContaining("captchafeedback.config")
                .hasMessageContaining("@CaptchaFeedbackConfiguration");
    }

    /** The same tests, registered with {@code @Listeners} and configured by the annotation. */
    @Listeners(CaptchaFeedbackListener.class)
    @io.captchafeedback.junit.CaptchaFeedbackConfiguration(factory = DemoBrowsers.Factory.class, verdictTimeoutMillis = 10_000)
    public static class AnnotatedSuite extends SignInSuite {
        @Override @org.testng.annotations.Test(enabled = false) public void goodTokenTwo() { }
        @Override @org.testng.annotations.Test(enabled = false) public void refusedTokenTwo() { }
        @Override @org.testng.annotations.Test(enabled = false) public void wrongPasswordOne() { }
        @Override @org.testng.annotations.Test(enabled = false) public void wrongPasswordTwo() { }
    }

    /** Registered through META-INF/services only. */
    public static class UnconfiguredSuite {
        @org.testng.annotations.Test
        public void handsOver() {
            org.openqa.selenium.WebDriver driver = world.borrow();
            try {
                CaptchaFeedbackTestNG.wrap(driver);
            } finally {
                world.giveBack(driver);
            }
        }
    }

    /** Runs one class as a suite named "under-test" and returns its results by method name. */
    static Map<String, ITestResult> run(Class<?> type, XmlSuite.ParallelMode parallel, Map<String, String> parameters, Path out) {
        Map<String, ITestResult> byName = new HashMap<>();
        runAll(List.of(type), parallel, parameters, out).forEach(r -> byName.put(r.getMethod().getMethodName(), r));
        return byName;
    }

    /** Runs the classes as a suite named "under-test" and returns all results. */
    static List<ITestResult> runAll(List<Class<?>> types, XmlSuite.ParallelMode parallel, Map<String, String> parameters, Path out) {
        XmlSuite suite = new XmlSuite();
        suite.setName("under-test");
        suite.setParallel(parallel);
        suite.setThreadCount(3);
        suite.setParameters(new HashMap<>(parameters));
        if (parallel != XmlSuite.ParallelMode.NONE) {
            suite.addListener(CaptchaFeedbackListener.class.getName()); // as in a testng.xml
        }
        XmlTest test = new XmlTest(suite);
        test.setName("sign-in");
        test.setXmlClasses(types.stream().map(XmlClass::new).toList());
        TestNG testng = new TestNG(false);
        testng.setXmlSuites(List.of(suite));
        testng.setOutputDirectory(out.resolve("testng").toString());
        List<ITestResult> all = new CopyOnWriteArrayList<>();
        testng.addListener(new ITestListener() {
            @Override public void onTestSuccess(ITestResult r) { all.add(r); }
            @Override public void onTestFailure(ITestResult r) { all.add(r); }
            @Override public void onTestSkipped(ITestResult r) { all.add(r); }
        });
        testng.addListener(new org.testng.IConfigurationListener() {
            @Override public void onConfigurationFailure(ITestResult r) { org.slf4j.LoggerFactory.getLogger("under-test")
                    .warn("configuration method {} failed", r.getMethod().getMethodName(), r.getThrowable()); }
        });
        testng.run();
        return all;
    }
}
