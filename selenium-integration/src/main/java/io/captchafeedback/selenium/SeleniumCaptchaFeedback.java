package io.captchafeedback.selenium;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.inject.InjectionException;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.selenium.internal.FeedbackDecorator;
import io.captchafeedback.selenium.internal.Session;
import io.captchafeedback.selenium.internal.WidgetSolving;
import io.captchafeedback.solve.FoundWidget;
import io.captchafeedback.solve.SolveInProgress;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.SolvedInjection;
import io.captchafeedback.solve.Solver;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.bidi.HasBiDi;
import org.openqa.selenium.remote.Augmenter;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * captcha-feedback on one Selenium session. {@link #attach} decorates the driver (any {@link WebDriver}:
 * {@code ChromeDriver}, or a {@link RemoteWebDriver} on Selenium Grid, augmented for BiDi) with a
 * {@link org.openqa.selenium.support.decorators.WebDriverDecorator}; the {@linkplain #driver() decorated
 * driver} behaves exactly like the original. From then on:
 * <ul>
 *   <li>{@link #inject} puts a solved token into the page (fields, events, widget callback) and starts
 *       waiting for the site's verdict;</li>
 *   <li>tokens the test injects itself with {@code executeScript} or {@code sendKeys} on the decorated
 *       driver are recognised when their task was {@linkplain CaptchaFeedback#register registered};</li>
 *   <li>the verdict is decided by the rules for the page from what follows (WebDriver BiDi events and an
 *       in-page probe runner pushing over a BiDi channel; without BiDi, probes after the test's own
 *       commands), goes to the reporter, to {@link #onVerdict} listeners and to {@link #awaitVerdict}.</li>
 * </ul>
 * Driver commands are only ever sent on the thread of the test's own command, never concurrently with it.
 *
 * <pre>{@code
 * SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(new ChromeDriver(options), captchaFeedback);
 * WebDriver driver = cf.driver();
 * driver.get("https://example.com/login");
 * cf.inject(task);                                   // fields written, callback called
 * driver.findElement(By.id("sign-in")).click();
 * cf.awaitVerdict(Duration.ofSeconds(10)).ifPresent(v -> log.info("{}", v.verdict().outcome()));
 * }</pre>
 *
 * <p>Thread-safe, but like the driver itself meant to be used from one thread at a time.
 */
public final class SeleniumCaptchaFeedback implements AutoCloseable {

    private final Session session;
    private final WebDriver decorated;

    private SeleniumCaptchaFeedback(Session session, WebDriver decorated) {
        this.session = session;
        this.decorated = decorated;
    }

    /**
     * Attaches captcha-feedback to a driver. A {@code RemoteWebDriver} without BiDi support in its class is
     * augmented first; BiDi is used when the session was created with {@code webSocketUrl=true}.
     */
    public static SeleniumCaptchaFeedback attach(WebDriver driver, CaptchaFeedback feedback) {
        Objects.requireNonNull(driver, "driver == null");
        Objects.requireNonNull(feedback, "feedback == null");
        WebDriver target = driver;
        if (driver instanceof RemoteWebDriver && !(driver instanceof HasBiDi)) {
            target = new Augmenter().augment(driver);
        }
        if (!(target instanceof JavascriptExecutor)) {
            throw new IllegalArgumentException("captcha-feedback needs a driver that executes JavaScript: " + driver.getClass().getName());
        }
        Session session = new Session(target, feedback);
        WebDriver decorated = new FeedbackDecorator(session).decorate(target);
        return new SeleniumCaptchaFeedback(session, decorated);
    }

    /** {@link #attach} for code that only needs the decorated driver (tokens it injects itself are recognised). */
    public static WebDriver wrap(WebDriver driver, CaptchaFeedback feedback) {
        return attach(driver, feedback).driver();
    }

    /** The decorated driver: use it instead of the original. */
    public WebDriver driver() {
        return decorated;
    }

    /**
     * Injects the task's token by its captcha type into the current frame, or else into the first child
     * frame (same- or cross-origin) that takes it, and starts waiting for the verdict; the driver's
     * current frame is unchanged afterwards. For widgets whose callback submits the form, the callback
     * does it. From then on the whole window is watched for the task (top page and every frame, with
     * BiDi), and so are windows it opens (popups, new tabs).
     *
     * @return what the injection did ({@link InjectionResult#injected()} is always {@code true})
     * @throws InjectionException if no response field and no callback was found, or the script could not
     *     run; the task then gets an UNKNOWN verdict at once and nothing is reported
     */
    public InjectionResult inject(SolvedTask task) {
        return session.inject(task, null);
    }

    /**
     * Injects into one frame: {@code frame} is an {@code iframe} or {@code frame} element of the current
     * frame. Watching and failures as {@link #inject(SolvedTask)}.
     */
    public InjectionResult inject(WebElement frame, SolvedTask task) {
        return session.inject(task, Objects.requireNonNull(frame, "frame == null"));
    }

    /**
     * The captcha widgets in the current frame and every frame below it (same- and cross-origin, three
     * levels deep), with what a provider needs to solve them; their page URL is the top page's. The
     * current frame is unchanged afterwards. Nothing is solved. See docs/solving.md.
     */
    public List<FoundWidget> find() {
        return new WidgetSolving(session).find();
    }

    /**
     * Finds the widgets ({@link #find()}), solves the first through {@code solver} in the policy's provider
     * order, injects the token into the frame where the widget was found and tracks the task: the verdict
     * and the feedback follow as after {@link #inject(SolvedTask)}.
     *
     * @throws io.captchafeedback.solve.WidgetNotFoundException when no widget is found (nothing bought)
     * @throws io.captchafeedback.solve.SolveException when no provider solved it (typed: zero balance,
     *     unsolvable, bad key, timeout ...)
     * @throws InjectionException when the token could not be injected (the task gets UNKNOWN)
     */
    public SolvedInjection solveAndInject(Solver solver, SolvePolicy policy) {
        return new WidgetSolving(session).solveAndInject(solver, policy);
    }

    /**
     * Finds the widgets now and solves the first in the background; {@link SolveInProgress#inject()},
     * called later on the thread that drives this driver, waits for the solution and injects it. The
     * driver is never used from the background. Fails as {@link #solveAndInject}, the solve's errors
     * coming from {@code inject()} and the future.
     */
    public SolveInProgress solveAndInjectAsync(Solver solver, SolvePolicy policy) {
        return new WidgetSolving(session).solveAndInjectAsync(solver, policy);
    }

    /** Starts waiting for the verdict about a token the test already put into the current page by other means. */
    public PendingVerdict track(SolvedTask task) {
        return session.track(task);
    }

    /**
     * Waits up to {@code timeout} for the verdict about the most recently injected or recognised token
     * (probing on this thread when BiDi is not available).
     *
     * @return its verdict and report, or empty if none was tracked or it is not known by then
     */
    public Optional<TaskVerdict> awaitVerdict(Duration timeout) {
        return session.awaitVerdict(Objects.requireNonNull(timeout, "timeout == null"));
    }

    /**
     * Waits up to {@code timeout} in total for the verdicts of the tasks tracked since the previous call.
     *
     * @return the verdicts decided by then, in tracking order (the others come with a later call)
     */
    public List<TaskVerdict> awaitVerdicts(Duration timeout) {
        return session.awaitVerdicts(Objects.requireNonNull(timeout, "timeout == null"));
    }

    /** The verdicts still pending on this driver. */
    public List<PendingVerdict> pending() {
        return session.pending();
    }

    /** Calls {@code listener} with each verdict about a token of this driver (on the thread that decided it). Exceptions are logged. */
    public void onVerdict(Consumer<TaskVerdict> listener) {
        session.onVerdict(listener);
    }

    /** Removes a listener added with {@link #onVerdict}. */
    public void offVerdict(Consumer<TaskVerdict> listener) {
        session.offVerdict(listener);
    }

    /** Whether verdicts are detected through WebDriver BiDi events (otherwise by probes). */
    public boolean usesBiDi() {
        return session.usesBiDi();
    }

    /**
     * Detaches: pending verdicts are decided from what is known (UNKNOWN otherwise) and BiDi subscriptions
     * end. The driver stays open. {@code quit()} on the decorated driver detaches too.
     */
    @Override
    public void close() {
        session.close(false);
    }

    @Override
    public String toString() {
        return "SeleniumCaptchaFeedback[" + session + "]";
    }
}
