package io.captchafeedback.playwright;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.impl.junit.BrowserContextExtension;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.junit.CaptchaFeedbackExtension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for tests written with Playwright's {@code @UsePlaywright}: before each test it
 * attaches captcha-feedback to the {@code BrowserContext} Playwright's own extension gives the test
 * (the same one its {@code Page} parameter lives in); after each test it waits for the verdicts of
 * the tasks tracked (delivering Playwright's events meanwhile), waits for their reports, detaches, and
 * fails the test on a {@code REJECTED_CAPTCHA} verdict when
 * {@link io.captchafeedback.junit.CaptchaFeedbackConfiguration#failOnRejectedCaptcha()} asks. The
 * {@link CaptchaFeedback} comes from {@link io.captchafeedback.junit.CaptchaFeedbackConfiguration}
 * (a file or a factory), one per test class. Test methods may take {@link CaptchaFeedback} and
 * {@link Attachment} parameters.
 *
 * <pre>{@code
 * import com.microsoft.playwright.junit.UsePlaywright;
 * import io.captchafeedback.testkit.browser.SystemChromiumOptions;
 *
 * @UsePlaywright(SystemChromiumOptions.class)   // testkit: the system Chromium, no download
 * @ExtendWith(PlaywrightCaptchaFeedbackExtension.class)
 * @CaptchaFeedbackConfiguration(file = "src/test/resources/captcha-feedback.yml")
 * class SignInTest {
 *     @Test
 *     void signsIn(Page page, Attachment captcha) {
 *         page.navigate("https://example.com/login");
 *         captcha.solveAndInject(page, solver, SolvePolicy.of("capsolver")); // finds, solves, injects
 *         page.click("#sign-in");
 *     }   // the verdict is decided and reported after the test
 * }
 * }</pre>
 *
 * <p>Stateless (the attachment lives in the test's extension store); like Playwright's extensions it
 * works on the thread that runs the test.
 */
public final class PlaywrightCaptchaFeedbackExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PlaywrightCaptchaFeedbackExtension.class);

    private final CaptchaFeedbackExtension core = new CaptchaFeedbackExtension();

    @Override
    public void beforeEach(ExtensionContext context) {
        core.beforeEach(context);
        CaptchaFeedback feedback = CaptchaFeedbackExtension.captchaFeedback(context);
        BrowserContext browserContext;
        try {
            browserContext = BrowserContextExtension.getOrCreateBrowserContext(context);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("Playwright could not give " + context.getDisplayName()
                    + " a BrowserContext: is the test class annotated with @UsePlaywright? " + e.getMessage(), e);
        }
        context.getStore(NAMESPACE).put(Attachment.class, new Attached(PlaywrightCaptchaFeedback.attach(browserContext, feedback)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Attached attached = context.getStore(NAMESPACE).remove(Attachment.class, Attached.class);
        if (attached == null) {
            core.afterEach(context);
            return;
        }
        try {
            core.afterEach(context, attached.attachment::awaitVerdicts);
        } finally {
            attached.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Attachment.class || type == CaptchaFeedback.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == CaptchaFeedback.class) {
            return CaptchaFeedbackExtension.captchaFeedback(context);
        }
        Attached attached = context.getStore(NAMESPACE).get(Attachment.class, Attached.class);
        if (attached == null) {
            throw new ExtensionConfigurationException("an Attachment is only available to test methods");
        }
        return attached.attachment;
    }

    /** The attachment in the store, so JUnit detaches it even when afterEach is never reached. */
    @SuppressWarnings("deprecation")
    private record Attached(Attachment attachment) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            attachment.close();
        }
    }

    @Override
    public String toString() {
        return "PlaywrightCaptchaFeedbackExtension";
    }
}
