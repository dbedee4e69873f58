package io.captchafeedback.playwright;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.playwright.internal.WidgetSolving;
import io.captchafeedback.solve.FoundWidget;
import io.captchafeedback.solve.SolveInProgress;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.SolvedInjection;
import io.captchafeedback.solve.Solver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * captcha-feedback attached to a Playwright {@code BrowserContext} or {@code Page}: it watches the
 * pages' responses, navigations, widget resets and DOM changes (in every frame, and in pages opened
 * after an injection), decides a verdict for every tracked task when a rule matches, and hands it to the
 * reporter and to the listeners. Event handlers only record; the in-page checks and response bodies are
 * done on the attachment's thread, while {@link #awaitVerdict}/{@link #awaitVerdicts} wait and at
 * {@link #close}. Closing it detaches: every Java listener it added is removed and the in-page scripts
 * (which Playwright cannot remove) go inert. The same contract as Selenium's
 * {@code SeleniumCaptchaFeedback} (docs/engines.md).
 *
 * <pre>{@code
 * try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, captchaFeedback)) {
 *     page.navigate("https://example.com/login");
 *     attachment.inject(page, task);
 *     page.click("#sign-in");
 *     attachment.awaitVerdict(Duration.ofSeconds(10))
 *             .ifPresent(v -> log.info("{}", v.verdict().outcome()));
 * }
 * }</pre>
 *
 * <p>Thread-safety: like Playwright's own objects, an attachment belongs to the thread that created
 * it; call {@link #inject}, {@link #track}, {@link #awaitVerdict} and {@link #close} from that thread
 * (events are only delivered while that thread is inside a Playwright call, and {@code awaitVerdict}
 * keeps it there). {@link #onVerdict}/{@link #offVerdict} may be called from any thread; listeners
 * run on the thread that decided the verdict.
 */
public interface Attachment extends AutoCloseable {

    /**
     * Injects the task's token into the page as the task's captcha type requires (fields and
     * callbacks, see {@link io.captchafeedback.spi.Injection}) and tracks the task on the page: the
     * main frame first, then each child frame (same- or cross-origin) until one takes the token.
     * Tracking starts first, so a callback that submits at once is seen. From then on every frame of
     * the page is watched for the task, and so are pages opened afterwards (popups, new tabs) when
     * attached to the context.
     *
     * @return what the injection did ({@link InjectionResult#injected()} is always {@code true})
     * @throws io.captchafeedback.inject.InjectionException when nothing could be injected (no response
     *     field and no callback in any frame) or the script could not run; the task then gets an UNKNOWN
     *     verdict at once and nothing is reported
     */
    InjectionResult inject(Page page, SolvedTask task);

    /**
     * Injects into one frame (a widget inside an iframe); the task is tracked on the frame's page, whose
     * top document and other frames keep being watched. Fails like {@link #inject(Page, SolvedTask)}.
     */
    InjectionResult inject(Frame frame, SolvedTask task);

    /** Injects into the frame a locator points at, e.g. {@code page.frameLocator("#login-frame")}; see {@link #inject(Frame, SolvedTask)}. */
    InjectionResult inject(FrameLocator frame, SolvedTask task);

    /**
     * The captcha widgets in the page and all its frames (same- and cross-origin), with what a provider
     * needs to solve them; their page URL is the page's (top) URL. Nothing is solved. See docs/solving.md.
     */
    default List<FoundWidget> find(Page page) {
        return WidgetSolving.find(page);
    }

    /**
     * Finds the widgets ({@link #find(Page)}), solves the first through {@code solver} in the policy's
     * provider order, injects the token into the frame where the widget was found and tracks the task:
     * the verdict and the feedback follow as after {@link #inject(Page, SolvedTask)}. Call on the
     * attachment's thread.
     *
     * @throws io.captchafeedback.solve.WidgetNotFoundException when no widget is found (nothing bought)
     * @throws io.captchafeedback.solve.SolveException when no provider solved it (typed: zero balance,
     *     unsolvable, bad key, timeout ...)
     * @throws io.captchafeedback.inject.InjectionException when the token could not be injected
     */
    default SolvedInjection solveAndInject(Page page, Solver solver, SolvePolicy policy) {
        return WidgetSolving.solveAndInject(this, page, solver, policy);
    }

    /**
     * Finds the widgets now and solves the first in the background (no Playwright call there);
     * {@link SolveInProgress#inject()}, called later on the attachment's thread, waits for the solution
     * and injects it. Fails as {@link #solveAndInject}.
     */
    default SolveInProgress solveAndInjectAsync(Page page, Solver solver, SolvePolicy policy) {
        return WidgetSolving.solveAndInjectAsync(this, page, solver, policy);
    }

    /**
     * Starts tracking a task whose token the caller put into the page: the verdict is decided from
     * what the page does from now on. Tokens of {@linkplain io.captchafeedback.CaptchaFeedback#register
     * registered} tasks are recognised without this call when they appear in a captcha response field.
     */
    PendingVerdict track(Page page, SolvedTask task);

    /**
     * Waits, while delivering Playwright's events, until the task tracked last is decided. Response
     * bodies that rules need are read here (never inside Playwright's event handlers).
     *
     * @return its verdict and report, or empty when no task was tracked or the timeout passed first
     */
    Optional<TaskVerdict> awaitVerdict(Duration timeout);

    /**
     * Waits, while delivering Playwright's events, until every task tracked since the previous call is
     * decided (tasks whose rules time out get their UNKNOWN verdict).
     *
     * @return the verdicts decided by then, in tracking order (the others come with a later call)
     */
    List<TaskVerdict> awaitVerdicts(Duration timeout);

    /** The tasks tracked through this attachment that have no verdict yet. */
    List<PendingVerdict> pending();

    /** Adds a listener for the verdicts of tasks tracked through this attachment. */
    void onVerdict(Consumer<TaskVerdict> listener);

    /** Removes a listener added with {@link #onVerdict}. */
    void offVerdict(Consumer<TaskVerdict> listener);

    /** Whether this is still attached (not closed). */
    boolean isAttached();

    /**
     * Detaches: removes every listener, makes the in-page scripts inert and gives tasks still pending
     * their verdict now (the decided one, else UNKNOWN). Idempotent.
     */
    @Override
    void close();
}
