package io.captchafeedback.samples.demo;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.testkit.site.DemoWidget;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One headless Chromium with captcha-feedback attached, signing in on demo pages one after another.
 * Used from the thread that created it (Playwright objects belong to their thread).
 */
sealed interface BrowserFlows extends AutoCloseable permits SeleniumFlows, PlaywrightFlows {

    /** The longest a flow waits for its verdict; the demo rules decide within 6 s (the slow pages' timeout). */
    Duration VERDICT_WAIT = Duration.ofSeconds(10);

    /**
     * Opens the page, injects the solved token, submits the sign-in form and waits for the verdict that
     * captcha-feedback decides from the page's reaction.
     *
     * @return the verdict with the handle of its feedback, or empty when none came within {@link #VERDICT_WAIT}
     */
    Optional<TaskVerdict> signIn(String pageUrl, DemoWidget widget, SolvedTask task);

    /**
     * {@code --solve}: opens the page, lets captcha-feedback find the widget and solve it through
     * {@code solver} in the policy's provider order (in the background, {@code solveAndInjectAsync}), hands the solved
     * task to {@code solved} before its token goes in (the demo spoils the bad-token flows there), injects
     * it on this thread, submits and waits for the verdict.
     */
    Optional<TaskVerdict> solveAndSignIn(String pageUrl, DemoWidget widget, Solver solver, SolvePolicy policy,
            Consumer<SolvedTask> solved);

    /** Detaches captcha-feedback and closes the browser. */
    @Override
    void close();

    /** Whether the user clicks "Sign in"; the invisible reCAPTCHA's callback submits the form by itself. */
    static boolean clicksSignIn(DemoWidget widget) {
        return widget != DemoWidget.RECAPTCHA_V2_INVISIBLE;
    }
}
