package io.captchafeedback.selenide;

import com.codeborne.selenide.SelenideDriver;
import com.codeborne.selenide.WebDriverRunner;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WrapsDriver;
import org.openqa.selenium.WrapsElement;
import org.openqa.selenium.support.events.EventFiringDecorator;

/**
 * captcha-feedback for Selenide, in Selenide's style: static methods on the current thread's browser.
 * {@link #install()} adds the library's {@link CaptchaFeedbackWebDriverListener} to Selenide before the browser
 * opens (the JUnit 5 {@link SelenideCaptchaFeedbackExtension} does it for you; under TestNG, register
 * {@code io.captchafeedback.testng.CaptchaFeedbackListener} and call it in a {@code @BeforeSuite}); a driver of
 * your own goes in with {@link #setWebDriver(WebDriver)} instead of {@code WebDriverRunner.setWebDriver}.
 *
 * <pre>{@code
 * import static com.codeborne.selenide.Selenide.*;
 *
 * open("/login");
 * $("#user").setValue("demo");
 * CaptchaFeedbackSelenide.inject(solver.solve("capsolver", widget).task());   // into the current page
 * CaptchaFeedbackSelenide.inject($("iframe#captcha"), task);                 // or into one frame
 * $("#sign-in").click();
 * CaptchaFeedbackSelenide.awaitVerdict(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Thread-safe: each thread works on its own Selenide browser, as Selenide does.
 */
public final class CaptchaFeedbackSelenide {
    private static final CaptchaFeedbackWebDriverListener LISTENER = new CaptchaFeedbackWebDriverListener();
    private static final ThreadLocal<Scope> THREAD_SCOPE = new ThreadLocal<>();
    private static volatile Handles defaultScope;
    private static volatile boolean installed;

    private CaptchaFeedbackSelenide() {
    }

    /** Adds the library's listener to Selenide ({@code WebDriverRunner.addListener}) once; browsers opened afterwards get it. */
    public static synchronized void install() {
        if (!installed) {
            WebDriverRunner.addListener(LISTENER);
            installed = true;
        }
    }

    /** The listener, for a {@code SelenideDriver} of your own: {@code new SelenideDriver(config, List.of(listener()))}. */
    public static CaptchaFeedbackWebDriverListener listener() {
        return LISTENER;
    }

    /**
     * Outside a JUnit 5 test with {@link SelenideCaptchaFeedbackExtension} or a TestNG suite with the captcha-feedback
     * listener, browsers report through {@code feedback} (closing it stays yours); installs the listener too.
     */
    public static synchronized void use(CaptchaFeedback feedback) {
        Objects.requireNonNull(feedback, "feedback == null");
        useNone();
        defaultScope = new Handles(() -> feedback);
        install();
    }

    /** Undoes {@link #use}: its handles are closed (browsers stay open) and browsers outside a suite report nowhere. */
    public static synchronized void useNone() {
        Handles previous = defaultScope;
        defaultScope = null;
        if (previous != null) {
            previous.close();
        }
    }

    /**
     * Makes Selenide use {@code driver} in the current thread, like {@code WebDriverRunner.setWebDriver}, decorated
     * with the library's listener first (Selenide adds its listeners only to browsers it opens itself).
     */
    public static void setWebDriver(WebDriver driver) {
        Objects.requireNonNull(driver, "driver == null");
        WebDriverRunner.setWebDriver(new EventFiringDecorator<WebDriver>(LISTENER).decorate(driver));
    }

    /** The handle of the current thread's Selenide browser (opened if it is not yet, as Selenide does). */
    public static SeleniumCaptchaFeedback captcha() {
        return handle(WebDriverRunner.getWebDriver());
    }

    /** The handle of a {@code SelenideDriver}'s browser (created with {@link #listener()} or not). */
    public static SeleniumCaptchaFeedback captcha(SelenideDriver browser) {
        return handle(browser.getWebDriver());
    }

    /** Injects the task's token into the current page (or the first child frame that takes it); see {@link SeleniumCaptchaFeedback#inject(SolvedTask)}. */
    public static InjectionResult inject(SolvedTask task) {
        return captcha().inject(task);
    }

    /** Injects the task's token into one frame, given as a {@code SelenideElement} ({@code $("iframe#captcha")}) or any element. */
    public static InjectionResult inject(WebElement frame, SolvedTask task) {
        return captcha().inject(unwrap(frame), task);
    }

    /** Judges a token the test put in by other means (see {@link SeleniumCaptchaFeedback#track}). */
    public static PendingVerdict track(SolvedTask task) {
        return captcha().track(task);
    }

    /** Waits for the verdict of the current browser's last task. */
    public static Optional<TaskVerdict> awaitVerdict(Duration timeout) {
        return captcha().awaitVerdict(timeout);
    }

    /** The scope of the calling thread: its JUnit 5 test class, its TestNG suite, or the default. */
    static Optional<Scope> scope() {
        Scope scope = THREAD_SCOPE.get();
        if (scope != null) {
            return Optional.of(scope);
        }
        if (TestNG.present() && TestNG.active()) {
            return Optional.of(TestNG.scope());
        }
        return Optional.ofNullable(defaultScope);
    }

    static void enter(Scope scope) {
        THREAD_SCOPE.set(scope);
    }

    static void leave() {
        THREAD_SCOPE.remove();
    }

    private static SeleniumCaptchaFeedback handle(WebDriver driver) {
        WebDriver original = driver;
        while (original instanceof WrapsDriver wraps && wraps.getWrappedDriver() != original) {
            original = wraps.getWrappedDriver();
        }
        WebDriver target = original;
        return scope().orElseThrow(() -> new IllegalStateException("captcha-feedback has no CaptchaFeedback for this thread:"
                        + " use @ExtendWith(SelenideCaptchaFeedbackExtension.class), the TestNG CaptchaFeedbackListener,"
                        + " or CaptchaFeedbackSelenide.use(feedback)"))
                .handle(target);
    }

    private static WebElement unwrap(WebElement element) {
        WebElement e = element;
        while (e instanceof WrapsElement wraps && wraps.getWrappedElement() != null && wraps.getWrappedElement() != e) {
            e = wraps.getWrappedElement();
        }
        return e;
    }

    /** testng-integration is optional: touched only when its classes are there. */
    private static final class TestNG {
        private static final boolean PRESENT = isPresent();

        static boolean present() {
            return PRESENT;
        }

        static boolean active() {
            return TestNGScope.available();
        }

        static Scope scope() {
            return TestNGScope.INSTANCE;
        }

        private static boolean isPresent() {
            try {
                Class.forName("io.captchafeedback.testng.CaptchaFeedbackTestNG", false, CaptchaFeedbackSelenide.class.getClassLoader());
                Class.forName("org.testng.ITestResult", false, CaptchaFeedbackSelenide.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }
}
