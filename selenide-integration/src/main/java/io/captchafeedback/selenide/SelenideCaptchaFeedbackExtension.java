package io.captchafeedback.selenide;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.junit.CaptchaFeedbackExtension;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 support for Selenide suites, with the configuration declared by {@link CaptchaFeedbackConfiguration}:
 * before the class's own {@code @BeforeAll} it adds the library's listener to Selenide
 * ({@link CaptchaFeedbackSelenide#install()}), so the browsers Selenide opens (and those handed in with
 * {@link CaptchaFeedbackSelenide#setWebDriver}) report through the class's {@code CaptchaFeedback}; after each
 * test it waits (bounded) for their verdicts and reports, and fails the test on a {@code REJECTED_CAPTCHA}
 * verdict when {@code failOnRejectedCaptcha = true}. A {@link CaptchaFeedback} test parameter gets the instance.
 *
 * <pre>{@code
 * import static com.codeborne.selenide.Selenide.*;
 *
 * @ExtendWith(SelenideCaptchaFeedbackExtension.class)
 * @CaptchaFeedbackConfiguration(file = "src/test/resources/captcha-feedback.yml", failOnRejectedCaptcha = true)
 * class SignInTest {
 *     @Test
 *     void signsIn() {
 *         open("/login");
 *         CaptchaFeedbackSelenide.inject(solver.solve("capsolver", widget).task());
 *         $("#sign-in").click();
 *     }
 * }
 * }</pre>
 *
 * <p>Stateless: its state lives in the extension store; browsers are not closed by it.
 */
public final class SelenideCaptchaFeedbackExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SelenideCaptchaFeedbackExtension.class);

    private final CaptchaFeedbackExtension core = new CaptchaFeedbackExtension();

    @Override
    public void beforeAll(ExtensionContext context) {
        CaptchaFeedbackSelenide.install();
        CaptchaFeedbackSelenide.enter(handles(context));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        core.beforeEach(context);
        CaptchaFeedbackSelenide.enter(handles(context));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ClassHandles handles = handles(context);
        core.afterEach(context, timeout -> {
            long end = System.nanoTime() + timeout.toNanos();
            for (SeleniumCaptchaFeedback handle : handles.all()) {
                handle.awaitVerdicts(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            }
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return core.supportsParameter(parameterContext, extensionContext);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return core.resolveParameter(parameterContext, extensionContext);
    }

    /** The handles of the outermost test class, on its {@code CaptchaFeedback} (built when a browser first needs it). */
    private static ClassHandles handles(ExtensionContext context) {
        ExtensionContext owner = context;
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestClass().isPresent() && c.getTestMethod().isEmpty()) {
                owner = c;
            }
        }
        ExtensionContext classContext = owner;
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(ClassHandles.class,
                k -> new ClassHandles(() -> CaptchaFeedbackExtension.captchaFeedback(classContext)), ClassHandles.class);
    }

    @Override
    public String toString() {
        return "SelenideCaptchaFeedbackExtension";
    }

    /** Closed by JUnit with the class: the handles are closed and the thread forgets them (browsers stay open). */
    @SuppressWarnings("deprecation")
    static final class ClassHandles extends Handles implements ExtensionContext.Store.CloseableResource {
        ClassHandles(java.util.function.Supplier<CaptchaFeedback> feedback) {
            super(feedback);
        }

        @Override
        public void close() {
            CaptchaFeedbackSelenide.leave();
            super.close();
        }
    }
}
