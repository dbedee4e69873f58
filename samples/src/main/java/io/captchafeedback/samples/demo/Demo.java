package io.captchafeedback.samples.demo;

import io.captchafeedback.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo behind the README's first command. It starts the testkit's demo site and provider emulator
 * in this process and signs in on every demo page (6 captcha widgets x 8 ways a site reacts) with a
 * good and a bad token, in headless Chromium under Selenium and under Playwright. For each flow
 * captcha-feedback decides the verdict from what the page does and reports it to the provider that
 * solved the token. The demo shows a progress line, then a table (page, captcha type, engine, token,
 * provider, verdict, the rule that decided, the feedback sent and the provider's answer), checks every
 * row against what should have happened, writes a verdict report and exits non-zero when a row is wrong.
 *
 * <!-- java: not compiled (shell) -->
 * <pre>{@code
 * ./run-demo.sh                                   # everything, on the local emulator
 * ./run-demo.sh --engines playwright --pages 'recaptcha-v2/*'
 * ./run-demo.sh --config captcha-feedback.yml     # feedback to your providers, with your keys
 * }</pre>
 *
 * <p>The flows themselves are in {@link SeleniumFlows#signIn} and {@link PlaywrightFlows#signIn}.
 * A command-line entry point: one run per process, not meant to be called from several threads.
 */
public final class Demo {

    private Demo() {
    }

    /** Selenium's own logging (java.util.logging): its CDP version notice is noise here, the demo uses BiDi. */
    private static final Logger SELENIUM_DEVTOOLS = Logger.getLogger("org.openqa.selenium.devtools");

    public static void main(String[] args) {
        SELENIUM_DEVTOOLS.setLevel(Level.SEVERE);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the demo with {@code args}; returns the exit status (0 all as expected, 1 a row wrong, 2 bad usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err).exitCode();
    }

    /** Runs the demo with {@code args} and returns what it produced (no rows when it did not run). */
    static DemoRun.Result execute(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(List.of(args), System.getenv(), System.console() != null);
        } catch (DemoOptions.UsageException e) {
            err.println("demo: " + e.getMessage());
            err.println();
            err.print(DemoOptions.USAGE);
            return DemoRun.Result.notRun(2);
        }
        if (options.help()) {
            out.print(DemoOptions.USAGE);
            return DemoRun.Result.notRun(0);
        }
        try {
            return DemoRun.run(options, out);
        } catch (ConfigException e) {
            err.println("demo: bad configuration: " + e.getMessage());
            return DemoRun.Result.notRun(2);
        } catch (IOException | RuntimeException e) {
            err.println("demo: " + DemoRun.firstLine(e));
            return DemoRun.Result.notRun(1);
        }
    }
}
