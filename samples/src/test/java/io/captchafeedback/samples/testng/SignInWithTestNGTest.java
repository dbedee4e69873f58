package io.captchafeedback.samples.testng;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.TestkitExtension;
import io.captchafeedback.testng.CaptchaFeedbackTestNG;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.TestNG;

/** Runs the TestNG sample suite from its XML with the {@code TestNG} runner and checks what it promises. */
@ExtendWith(TestkitExtension.class)
class SignInWithTestNGTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theSampleSuiteReportsEveryTokenAndFailsOnlyTheTestWhoseTokenWasRefused(ProviderEmulator emulator, DemoSite site) {
        SignInWithTestNG.emulator = emulator;
        SignInWithTestNG.site = site;
        TestNG testng = new TestNG(false);
        testng.setTestSuites(List.of("src/test/resources/testng/sign-in.xml"));
        testng.setOutputDirectory("target/testng-sample");
        List<ITestResult> all = new CopyOnWriteArrayList<>();
        testng.addListener(new ITestListener() {
            @Override public void onTestSuccess(ITestResult r) { all.add(r); }
            @Override public void onTestFailure(ITestResult r) { all.add(r); }
            @Override public void onTestSkipped(ITestResult r) { all.add(r); }
        });
        testng.run();

        Map<String, ITestResult> results = new HashMap<>();
        all.forEach(r -> results.put(r.getMethod().getMethodName(), r));
        assertThat(results).hasSize(3);
        assertThat(outcome(results.get("aGoodTokenSignsIn"))).isEqualTo(Outcome.ACCEPTED);
        assertThat(outcome(results.get("aRefusedTokenFailsThisTest"))).isEqualTo(Outcome.REJECTED_CAPTCHA);
        assertThat(outcome(results.get("aWrongPasswordIsNotTheCaptchasFault"))).isEqualTo(Outcome.REJECTED_OTHER);
        assertThat(results.get("aRefusedTokenFailsThisTest").getStatus()).isEqualTo(ITestResult.FAILURE);
        assertThat(results.get("aGoodTokenSignsIn").getStatus()).isEqualTo(ITestResult.SUCCESS);
        assertThat(results.get("aWrongPasswordIsNotTheCaptchasFault").getStatus()).isEqualTo(ITestResult.SUCCESS);
        assertThat(emulator.feedback()).as("one positive, one negative, nothing for the wrong password")
                .extracting(f -> f.positive()).containsExactlyInAnyOrder(true, false);
    }

    private static Outcome outcome(ITestResult result) {
        return CaptchaFeedbackTestNG.verdicts(result).get(0).verdict().outcome();
    }
}
