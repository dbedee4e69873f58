package io.captchafeedback.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.captchafeedback.cucumber.playwrightsteps.PlaywrightSignInSteps;
import io.captchafeedback.cucumber.steps.SuiteWorld;
import io.captchafeedback.verdictreport.VerdictReport;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.captchafeedback.testkit.TestkitExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Real Cucumber suites, run through Cucumber's JUnit Platform engine by the JUnit Launcher, on headless
 * Chromium against the demo site and the provider emulator.
 */
@ExtendWith(TestkitExtension.class)
@Timeout(120)
class CucumberSuiteTest {
    private static final String GOOD = "a good token signs in";
    private static final String REFUSED = "a token the site refuses";
    private static final String WRONG_PASSWORD = "a wrong password";

    static ProviderEmulator emulator;

    @BeforeAll
    static void start(ProviderEmulator providerEmulator, DemoSite site) {
        emulator = providerEmulator;
        SuiteWorld.use(providerEmulator, site);
    }

    @BeforeEach
    void configure() {
        SuiteWorld.TASK_OF_SCENARIO.clear();
        CucumberCaptchaFeedback.configure(() -> CucumberRun.emulatorFeedback(emulator));
    }

    @AfterEach
    void forgetConfiguration() {
        CucumberCaptchaFeedback.reset();
    }

    @AfterAll
    static void quitBrowsers() {
        SuiteWorld.quitBrowsers();
        PlaywrightSignInSteps.closeBrowser();
    }

    @Test
    void aSuiteSendsExactlyTheDueFeedbackAndCucumbersReportCarriesEachVerdict() {
        CucumberRun run = CucumberRun.run(CucumberRun.SELENIUM, false, "sign-in.feature");

        assertThat(run.results).containsOnlyKeys(GOOD, REFUSED, WRONG_PASSWORD);
        assertThat(run.results.values()).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));

        String good = SuiteWorld.TASK_OF_SCENARIO.get(GOOD);
        String refused = SuiteWorld.TASK_OF_SCENARIO.get(REFUSED);
        String wrongPassword = SuiteWorld.TASK_OF_SCENARIO.get(WRONG_PASSWORD);
        assertThat(emulator.feedbackFor("regotcha", good)).singleElement()
                .satisfies(f -> assertThat(f.positive()).isTrue());
        assertThat(emulator.feedbackFor("regotcha", refused)).singleElement()
                .satisfies(f -> assertThat(f.positive()).isFalse());
        assertThat(emulator.feedbackFor("regotcha", wrongPassword)).isEmpty();
        assertThat(emulator.feedback()).hasSize(2);

        // Cucumber's own report (the message formatter) carries each scenario's verdict.
        Map<String, JsonNode> attached = run.verdictAttachments().stream()
                .collect(Collectors.toMap(CucumberRun.Attached::scenario, CucumberRun.Attached::verdict));
        assertThat(attached).containsOnlyKeys(GOOD, REFUSED, WRONG_PASSWORD);
        assertVerdict(attached.get(GOOD), good, "ACCEPTED", "signed-in");
        assertVerdict(attached.get(REFUSED), refused, "REJECTED_CAPTCHA", "invalid-captcha");
        assertVerdict(attached.get(WRONG_PASSWORD), wrongPassword, "REJECTED_OTHER", "wrong-password");
        assertThat(attached.get(GOOD).get("report").asText()).isEqualTo("DELIVERED");
        assertThat(run.logLines()).anySatisfy(line -> {
            assertThat(line.scenario()).isEqualTo(REFUSED);
            assertThat(line.verdict().asText()).startsWith(CaptchaScenario.LOG_PREFIX + "task regotcha/" + refused + " REJECTED_CAPTCHA");
        });

        // The plugin wrote the run's verdict report and the scenario list.
        JsonNode report = run.file(VerdictReport.JSON_FILE);
        assertThat(report.toString()).contains(good, refused, wrongPassword);
        JsonNode scenarios = run.file(CaptchaFeedbackPlugin.SCENARIOS_FILE);
        assertThat(scenarios).hasSize(3);
        assertThat(run.dir.resolve(VerdictReport.HTML_FILE)).isRegularFile();
    }

    @Test
    void withFailOnRejectedCaptchaOnlyTheScenarioWhoseTokenWasRefusedFailsAndItsFeedbackIsSentAnyway() {
        CucumberCaptchaFeedback.failOnRejectedCaptcha(true);

        CucumberRun run = CucumberRun.run(CucumberRun.SELENIUM, false, "sign-in.feature");

        assertThat(run.results.get(GOOD).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.results.get(WRONG_PASSWORD).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.results.get(REFUSED).getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(run.results.get(REFUSED).getThrowable()).get().asString()
                .contains("the site refused the captcha token", "invalid-captcha");
        String refused = SuiteWorld.TASK_OF_SCENARIO.get(REFUSED);
        assertThat(emulator.feedbackFor("regotcha", refused)).singleElement()
                .satisfies(f -> assertThat(f.positive()).isFalse());
        assertThat(run.verdictAttachments()).extracting(CucumberRun.Attached::scenario).contains(REFUSED);
    }

    @Test
    void parallelScenariosEachGetTheirOwnVerdictAndNoneIsLost() {
        SuiteWorld.use(emulator, SuiteWorld.site());
        CucumberRun run = CucumberRun.run(CucumberRun.SELENIUM, true, "parallel.feature");

        assertThat(SuiteWorld.mostScenariosAtOnce()).as("scenarios running at the same time").isGreaterThan(1);

        assertThat(run.results).hasSize(6);
        assertThat(run.results.values()).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        List<CucumberRun.Attached> attached = run.verdictAttachments();
        assertThat(attached).hasSize(6);
        assertThat(attached).extracting(CucumberRun.Attached::scenario).doesNotHaveDuplicates();
        for (CucumberRun.Attached a : attached) {
            // each scenario's report names the task that scenario solved, and only that one
            assertThat(a.verdict().get("taskId").asText()).as(a.scenario()).isEqualTo(SuiteWorld.TASK_OF_SCENARIO.get(a.scenario()));
        }
        List<String> expectedFeedback = new ArrayList<>();
        for (Map.Entry<String, String> e : SuiteWorld.TASK_OF_SCENARIO.entrySet()) {
            List<ReceivedFeedback> received = emulator.feedbackFor("regotcha", e.getValue());
            if (e.getKey().contains("wrong-password")) {
                assertThat(received).as(e.getKey()).isEmpty();
            } else {
                assertThat(received).as(e.getKey()).hasSize(1);
                expectedFeedback.add(e.getValue());
            }
        }
        assertThat(emulator.feedback()).extracting(ReceivedFeedback::taskId).containsExactlyInAnyOrderElementsOf(expectedFeedback);
        assertThat(run.file(CaptchaFeedbackPlugin.SCENARIOS_FILE)).hasSize(6);
    }

    @Test
    void onPlaywrightTheSameSuiteSendsTheDueFeedbackAndCucumbersReportCarriesEachVerdict() {
        CucumberRun run = CucumberRun.run(CucumberRun.PLAYWRIGHT, false, "sign-in.feature");

        assertThat(run.results).containsOnlyKeys(GOOD, REFUSED, WRONG_PASSWORD);
        assertThat(run.results.values()).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        String good = SuiteWorld.TASK_OF_SCENARIO.get(GOOD);
        String refused = SuiteWorld.TASK_OF_SCENARIO.get(REFUSED);
        String wrongPassword = SuiteWorld.TASK_OF_SCENARIO.get(WRONG_PASSWORD);
        assertThat(emulator.feedbackFor("regotcha", good)).singleElement().satisfies(f -> assertThat(f.positive()).isTrue());
        assertThat(emulator.feedbackFor("regotcha", refused)).singleElement().satisfies(f -> assertThat(f.positive()).isFalse());
        assertThat(emulator.feedback()).hasSize(2);
        Map<String, JsonNode> attached = run.verdictAttachments().stream()
                .collect(Collectors.toMap(CucumberRun.Attached::scenario, CucumberRun.Attached::verdict));
        assertVerdict(attached.get(GOOD), good, "ACCEPTED", "signed-in");
        assertVerdict(attached.get(REFUSED), refused, "REJECTED_CAPTCHA", "invalid-captcha");
        assertVerdict(attached.get(WRONG_PASSWORD), wrongPassword, "REJECTED_OTHER", "wrong-password");
    }

    private static void assertVerdict(JsonNode verdict, String taskId, String outcome, String rule) {
        assertThat(verdict.get("taskId").asText()).isEqualTo(taskId);
        assertThat(verdict.get("outcome").asText()).isEqualTo(outcome);
        assertThat(verdict.get("rule").asText()).isEqualTo(rule);
    }
}
