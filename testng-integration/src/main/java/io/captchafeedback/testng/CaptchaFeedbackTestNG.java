package io.captchafeedback.testng;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import java.util.List;
import java.util.Objects;
import org.openqa.selenium.WebDriver;
import org.testng.ITestResult;

/**
 * What a TestNG test (or its base class) calls to hand its {@link WebDriver} to captcha-feedback, with
 * {@link CaptchaFeedbackListener} registered. TestNG gives listeners no driver: the test hands it over with
 * {@link #wrap(WebDriver)} and uses the returned, decorated driver. The driver is bound to the calling
 * thread, so in {@code parallel="methods"} or {@code "classes"} mode each thread's tests get the verdicts
 * of their own driver, and only those; after each test method the listener waits for them and puts them
 * on the {@link ITestResult}.
 *
 * <pre>{@code
 * import org.testng.annotations.AfterMethod;
 * import org.testng.annotations.BeforeMethod;
 * import org.testng.annotations.Listeners;
 *
 * @Listeners(CaptchaFeedbackListener.class)
 * @CaptchaFeedbackConfiguration(file = "src/test/resources/captcha-feedback.yml")
 * public abstract class BrowserTest {
 *     private static final ThreadLocal<WebDriver> DRIVER = new ThreadLocal<>();
 *
 *     @BeforeMethod public void open() { DRIVER.set(CaptchaFeedbackTestNG.wrap(new ChromeDriver())); }
 *     @AfterMethod(alwaysRun = true) public void quit() { DRIVER.get().quit(); }
 *
 *     protected WebDriver driver() { return DRIVER.get(); }
 *     protected SeleniumCaptchaFeedback captcha() { return CaptchaFeedbackTestNG.captcha(driver()); }
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any TestNG worker thread; a driver, like Selenium's own,
 * is meant for one thread at a time.
 */
public final class CaptchaFeedbackTestNG {

    /** The {@link ITestResult} attribute holding the test's verdicts, a {@code List<TaskVerdict>}. */
    public static final String VERDICTS_ATTRIBUTE = "captchafeedback.verdicts";
    /** The {@link ITestResult} attribute holding one readable line per verdict, a {@code List<String>}. */
    public static final String SUMMARY_ATTRIBUTE = "captchafeedback.summary";

    private CaptchaFeedbackTestNG() {
    }

    /**
     * Attaches captcha-feedback to {@code driver} and binds it to the calling thread; returns the decorated
     * driver to use instead. A driver that is already decorated is returned as it is (and bound to this thread).
     *
     * @throws IllegalStateException if no {@link CaptchaFeedbackListener} runs the current suite
     * @throws io.captchafeedback.config.ConfigException if the configuration cannot be loaded
     */
    public static WebDriver wrap(WebDriver driver) {
        return attach(driver).driver();
    }

    /** {@link #wrap(WebDriver)} returning the handle ({@code inject}, {@code track}, {@code awaitVerdict}). */
    public static SeleniumCaptchaFeedback attach(WebDriver driver) {
        Objects.requireNonNull(driver, "driver == null");
        return SuiteRun.current().attach(driver);
    }

    /**
     * The handle of a driver returned by {@link #wrap(WebDriver)} (or of the one it decorates), bound to the
     * calling thread from now on.
     *
     * @throws IllegalStateException if the driver was not handed over
     */
    public static SeleniumCaptchaFeedback captcha(WebDriver driver) {
        Objects.requireNonNull(driver, "driver == null");
        return SuiteRun.current().handle(driver);
    }

    /**
     * The handle of the driver the calling thread handed over (or named with {@link #captcha(WebDriver)}) last.
     *
     * @throws IllegalStateException if this thread handed over no driver
     */
    public static SeleniumCaptchaFeedback captcha() {
        return SuiteRun.current().lastHandle();
    }

    /**
     * Whether a suite run by {@link CaptchaFeedbackListener} is there for the calling thread (its own, or the only
     * one running): then {@link #wrap}, {@link #feedback()} and the others can be called.
     */
    public static boolean active() {
        return SuiteRun.active();
    }

    /** The suite's {@link CaptchaFeedback} (to {@code register} tasks whose tokens the test puts in itself). */
    public static CaptchaFeedback feedback() {
        return SuiteRun.current().feedback();
    }

    /** The verdicts the listener put on a finished test's result; empty when it had none. */
    @SuppressWarnings("unchecked")
    public static List<TaskVerdict> verdicts(ITestResult result) {
        Object value = result.getAttribute(VERDICTS_ATTRIBUTE);
        return value instanceof List<?> list ? (List<TaskVerdict>) list : List.of();
    }
}
