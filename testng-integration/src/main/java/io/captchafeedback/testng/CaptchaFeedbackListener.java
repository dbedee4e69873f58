package io.captchafeedback.testng;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.TaskVerdict;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.testng.IExecutionListener;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestContext;
import org.testng.ITestResult;
import org.testng.Reporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * captcha-feedback for TestNG suites. Register it the TestNG way: {@code @Listeners(CaptchaFeedbackListener.class)}
 * on a test class, {@code <listener class-name="io.captchafeedback.testng.CaptchaFeedbackListener"/>} in
 * {@code testng.xml}, or let TestNG find it through {@code META-INF/services/org.testng.ITestNGListener},
 * which this module ships (on the class path is enough). Per suite it:
 * <ul>
 *   <li>builds one {@code CaptchaFeedback} on first use, from the suite parameter or system property
 *       {@code captchafeedback.config} (a file) or {@code captchafeedback.factory} (a
 *       {@link io.captchafeedback.junit.CaptchaFeedbackFactory} class), else from the
 *       {@link io.captchafeedback.junit.CaptchaFeedbackConfiguration} of a test class;</li>
 *   <li>takes the drivers the tests hand over with {@link CaptchaFeedbackTestNG#wrap};</li>
 *   <li>after each test method, on its thread, waits (bounded by {@code captchafeedback.verdictTimeoutMillis},
 *       default 15 s) for the verdicts of that thread's drivers and for their reports, puts them on the
 *       {@link ITestResult} (attributes {@value CaptchaFeedbackTestNG#VERDICTS_ATTRIBUTE} and
 *       {@value CaptchaFeedbackTestNG#SUMMARY_ATTRIBUTE}, one {@link Reporter} line each), and fails the test
 *       on a {@code REJECTED_CAPTCHA} verdict when {@code captchafeedback.failOnRejectedCaptcha} is true;</li>
 *   <li>writes the run's verdict report (JSON and HTML) to {@code captchafeedback.report.dir}
 *       (default {@code target/captcha-feedback}, {@code none} for no report) when the suite ends.</li>
 * </ul>
 *
 * <!-- java: not compiled (testng.xml) -->
 * <pre>{@code
 * <suite name="sign-in" parallel="methods" thread-count="4">
 *   <parameter name="captchafeedback.config" value="src/test/resources/captcha-feedback.yml"/>
 *   <parameter name="captchafeedback.failOnRejectedCaptcha" value="true"/>
 *   <listeners><listener class-name="io.captchafeedback.testng.CaptchaFeedbackListener"/></listeners>
 *   <test name="all"><classes><class name="com.example.SignInTest"/></classes></test>
 * </suite>
 * }</pre>
 *
 * <p>Thread-safe: one instance serves all suites and worker threads; its state lives per suite. Nothing it
 * does throws into the suite: its own failures are logged.
 */
public final class CaptchaFeedbackListener implements IExecutionListener, ISuiteListener, IInvokedMethodListener {
    private static final Logger LOG = LoggerFactory.getLogger(CaptchaFeedbackListener.class);

    @Override
    public void onExecutionStart() {
        RunReport.startRun();
    }

    @Override
    public void onStart(ISuite suite) {
        try {
            SuiteRun.start(suite);
        } catch (RuntimeException e) {
            LOG.warn("captcha-feedback cannot serve the suite '{}': {}", suite.getName(), e.getMessage());
        }
    }

    @Override
    public void onFinish(ISuite suite) {
        SuiteRun run = SuiteRun.finish(suite);
        if (run != null) {
            run.settingsIfRead().filter(Settings::writesReport).ifPresent(s -> RunReport.write(Path.of(s.reportDir())));
        }
    }

    @Override
    public void beforeInvocation(IInvokedMethod method, ITestResult result, ITestContext context) {
        SuiteRun.enter(context.getSuite(), result.getTestClass() == null ? null : result.getTestClass().getRealClass());
    }

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult result, ITestContext context) {
        if (!method.isTestMethod()) {
            return;
        }
        SuiteRun run = SuiteRun.of(context.getSuite());
        if (run == null) {
            return;
        }
        try {
            List<TaskVerdict> verdicts = run.verdictsOfThisThread();
            if (verdicts.isEmpty()) {
                return;
            }
            List<String> lines = verdicts.stream().map(CaptchaFeedbackListener::describe).collect(Collectors.toList());
            result.setAttribute(CaptchaFeedbackTestNG.VERDICTS_ATTRIBUTE, List.copyOf(verdicts));
            result.setAttribute(CaptchaFeedbackTestNG.SUMMARY_ATTRIBUTE, List.copyOf(lines));
            ITestResult previous = Reporter.getCurrentTestResult();
            Reporter.setCurrentTestResult(result);
            try {
                lines.forEach(line -> Reporter.log("captcha-feedback: " + line));
            } finally {
                Reporter.setCurrentTestResult(previous);
            }
            List<TaskVerdict> refused = verdicts.stream()
                    .filter(v -> v.verdict().outcome() == Outcome.REJECTED_CAPTCHA).collect(Collectors.toList());
            if (run.settings().failOnRejectedCaptcha() && !refused.isEmpty() && result.getStatus() == ITestResult.SUCCESS) {
                result.setStatus(ITestResult.FAILURE);
                result.setThrowable(new AssertionError("the site refused the captcha token" + (refused.size() > 1 ? "s" : "") + ": "
                        + refused.stream().map(v -> "task " + v.task().key() + " by rule '" + v.verdict().evidence().rule() + "'")
                                .collect(Collectors.joining("; "))));
            }
        } catch (RuntimeException e) {
            LOG.warn("captcha-feedback could not collect the verdicts of {}; the test result is unchanged", result.getName(), e);
        }
    }

    /** One line per verdict: task, provider, outcome, rule, delivery. */
    private static String describe(TaskVerdict v) {
        String delivery = v.report().result().isDone() && !v.report().result().isCompletedExceptionally()
                ? String.valueOf(v.report().result().join()) : "pending";
        return "task " + v.task().key() + " " + v.verdict().outcome() + " by rule '" + v.verdict().evidence().rule()
                + "', report " + delivery;
    }

    @Override
    public String toString() {
        return "CaptchaFeedbackListener";
    }
}
