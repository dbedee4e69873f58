package io.captchafeedback.cucumber.selenium;

import io.captchafeedback.PendingVerdict;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.cucumber.CaptchaScenario;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.openqa.selenium.WebDriver;

/**
 * Hands the scenario's WebDriver to captcha-feedback: {@link #attach(WebDriver)} returns the decorated
 * driver the steps should use, so every token injected into it (by the ready-made step, by
 * {@link #captcha()} or by the page's own means for registered tasks) is judged, reported, and written
 * into this scenario's report. Detached (never quit) when the scenario ends.
 *
 * <pre>{@code
 * import io.cucumber.java.Before;
 *
 * @Before
 * public void openBrowser() {
 *     driver = SeleniumCaptchaScenario.attach(new ChromeDriver());
 * }
 * }</pre>
 *
 * <p>Thread-safety: call from the scenario's thread (Cucumber runs a scenario on one thread).
 */
public final class SeleniumCaptchaScenario {
    private SeleniumCaptchaScenario() {
    }

    /**
     * Attaches the driver to the scenario running on this thread.
     *
     * @return the decorated driver: use it instead of {@code driver}
     * @throws IllegalStateException outside a scenario or without {@code io.captchafeedback.cucumber.glue} on the glue path
     */
    public static WebDriver attach(WebDriver driver) {
        CaptchaScenario scenario = CaptchaScenario.current();
        SeleniumCaptchaFeedback handle = SeleniumCaptchaFeedback.attach(driver, scenario.feedback());
        scenario.attach(new SeleniumEngine(handle));
        return handle.driver();
    }

    /** The handle of the driver attached last in this scenario ({@code inject}, {@code awaitVerdict}). */
    public static SeleniumCaptchaFeedback captcha() {
        List<CaptchaScenario.Engine> engines = CaptchaScenario.current().engines();
        for (int i = engines.size() - 1; i >= 0; i--) {
            if (engines.get(i) instanceof SeleniumEngine selenium) {
                return selenium.handle;
            }
        }
        throw new IllegalStateException("no WebDriver is attached in this scenario: call SeleniumCaptchaScenario.attach(driver) first");
    }

    /** One driver's handle, as the scenario sees it. */
    private record SeleniumEngine(SeleniumCaptchaFeedback handle) implements CaptchaScenario.Engine {
        @Override
        public InjectionResult inject(SolvedTask task) {
            return handle.inject(task);
        }

        @Override
        public List<TaskVerdict> awaitVerdicts(Duration timeout) {
            return handle.awaitVerdicts(timeout);
        }

        @Override
        public List<PendingVerdict> pending() {
            return handle.pending();
        }

        @Override
        public void onVerdict(Consumer<TaskVerdict> listener) {
            handle.onVerdict(listener);
        }

        @Override
        public void close() {
            handle.close();
        }
    }
}
