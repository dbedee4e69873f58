package io.captchafeedback.cucumber.glue;

import io.captchafeedback.cucumber.CaptchaScenario;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/**
 * The captcha hooks and steps, for Selenium and Playwright scenarios alike; on the glue path with
 * {@code cucumber.glue=io.captchafeedback.cucumber.glue, com.example.steps}. Your own hook hands the
 * browser over with {@code SeleniumCaptchaScenario.attach(driver)} or {@code PlaywrightCaptchaScenario.attach(page)}. The {@code @Before} hook
 * starts the scenario's {@link CaptchaScenario} (order {@value #BEFORE_ORDER}: before your own hooks, which
 * attach the browser); the {@code @After} hook (order {@value #AFTER_ORDER}: after hooks with a higher order
 * run first in Cucumber, so this runs before your default-order hook that quits the driver) waits for
 * the verdicts and writes them into the scenario's report.
 *
 * <!-- java: not compiled (Gherkin) -->
 * <pre>{@code
 * When the captcha token for task "sign-in" is injected
 * And I press "Sign in"
 * Then the captcha verdict is ACCEPTED
 * }</pre>
 *
 * <p>Thread-safety: Cucumber makes one instance per scenario; all state is the scenario's.
 */
public final class CaptchaGlue {
    /** The order of the {@code @Before} hook. */
    public static final int BEFORE_ORDER = 100;
    /** The order of the {@code @After} hook. */
    public static final int AFTER_ORDER = 20_000;

    /** Starts the scenario's captcha side. */
    @Before(order = BEFORE_ORDER)
    public void startCaptchaScenario(Scenario scenario) {
        CaptchaScenario.start(scenario);
    }

    /** Waits for the scenario's verdicts, writes them into its report, and fails it on a refused token when asked. */
    @After(order = AFTER_ORDER)
    public void finishCaptchaScenario() {
        CaptchaScenario.running().ifPresent(CaptchaScenario::finish);
    }

    /** Injects the task remembered under {@code name} into the page of the browser attached last. */
    @When("the captcha token for task {string} is injected")
    public void theCaptchaTokenIsInjected(String name) {
        CaptchaScenario.current().inject(name);
    }

    /** Waits for the verdict of the token injected last and checks it. */
    @Then("the captcha verdict is {word}")
    public void theCaptchaVerdictIs(String outcome) {
        CaptchaScenario.current().expectVerdict(outcome);
    }

    /** Waits for the verdict of the named task and checks it. */
    @Then("the captcha verdict for task {string} is {word}")
    public void theCaptchaVerdictForTaskIs(String name, String outcome) {
        CaptchaScenario.current().expectVerdict(name, outcome);
    }
}
