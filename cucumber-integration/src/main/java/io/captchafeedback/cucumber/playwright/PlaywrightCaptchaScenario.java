package io.captchafeedback.cucumber.playwright;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.cucumber.CaptchaScenario;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.playwright.PlaywrightCaptchaFeedback;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hands the scenario's Playwright page (or context) to captcha-feedback: from then on the tokens
 * injected into it (by the ready-made step of {@code io.captchafeedback.cucumber.glue}, or through
 * {@link #captcha()}) are judged, reported and written into this scenario's report. Detached (never
 * closed) when the scenario ends.
 *
 * <!-- java: given Browser browser -->
 * <pre>{@code
 * import io.cucumber.java.Before;
 *
 * @Before
 * public void openPage() {
 *     page = browser.newPage();
 *     PlaywrightCaptchaScenario.attach(page);
 * }
 * }</pre>
 *
 * <p>Thread-safety: like Playwright itself, call from the scenario's thread (Cucumber runs a scenario
 * on one thread).
 */
public final class PlaywrightCaptchaScenario {
    private PlaywrightCaptchaScenario() {
    }

    /**
     * Attaches the page to the scenario running on this thread; the steps inject into this page.
     *
     * @return the attachment ({@code inject}, {@code awaitVerdict})
     * @throws IllegalStateException outside a scenario or without {@code io.captchafeedback.cucumber.glue} on the glue path
     */
    public static Attachment attach(Page page) {
        Objects.requireNonNull(page, "page == null");
        CaptchaScenario scenario = CaptchaScenario.current();
        Attachment attachment = PlaywrightCaptchaFeedback.attach(page, scenario.feedback());
        scenario.attach(new PlaywrightEngine(attachment, page));
        return attachment;
    }

    /**
     * Attaches the context (popups and new tabs are watched too); the steps inject into {@code page},
     * one of its pages.
     */
    public static Attachment attach(BrowserContext context, Page page) {
        Objects.requireNonNull(page, "page == null");
        CaptchaScenario scenario = CaptchaScenario.current();
        Attachment attachment = PlaywrightCaptchaFeedback.attach(context, scenario.feedback());
        scenario.attach(new PlaywrightEngine(attachment, page));
        return attachment;
    }

    /** The attachment made last in this scenario. */
    public static Attachment captcha() {
        List<CaptchaScenario.Engine> engines = CaptchaScenario.current().engines();
        for (int i = engines.size() - 1; i >= 0; i--) {
            if (engines.get(i) instanceof PlaywrightEngine playwright) {
                return playwright.attachment;
            }
        }
        throw new IllegalStateException("no Playwright page is attached in this scenario: call PlaywrightCaptchaScenario.attach(page) first");
    }

    /** One attachment and the page the steps inject into. */
    private record PlaywrightEngine(Attachment attachment, Page page) implements CaptchaScenario.Engine {
        @Override
        public InjectionResult inject(SolvedTask task) {
            return attachment.inject(page, task);
        }

        @Override
        public List<TaskVerdict> awaitVerdicts(Duration timeout) {
            return attachment.awaitVerdicts(timeout);
        }

        @Override
        public List<PendingVerdict> pending() {
            return attachment.pending();
        }

        @Override
        public void onVerdict(Consumer<TaskVerdict> listener) {
            attachment.onVerdict(listener);
        }

        @Override
        public void close() {
            attachment.close();
        }
    }
}
