package io.captchafeedback.selenium;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.junit.CaptchaFeedbackExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.openqa.selenium.WebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 support for Selenium suites. With the configuration declared by {@link CaptchaFeedbackConfiguration}:
 * <ul>
 *   <li>every field of the test class declared as {@link WebDriver} (static or not, set in
 *       {@code @BeforeAll} or {@code @BeforeEach}) is replaced, just before each test runs, by the
 *       decorated driver, so tokens the test injects with {@code executeScript}/{@code sendKeys} are
 *       recognised (register the tasks first) and judged;</li>
 *   <li>a test parameter of type {@link SeleniumCaptchaFeedback} gives the handle of that driver
 *       ({@code inject}, {@code awaitVerdict}); one of type {@link CaptchaFeedback} the instance;</li>
 *   <li>after each test it waits for the pending verdicts (bounded), waits for their reports and fails the
 *       test on a {@code REJECTED_CAPTCHA} verdict when {@code failOnRejectedCaptcha = true}.</li>
 * </ul>
 * The drivers are not quit by the extension; the handles are closed with the test class.
 *
 * <pre>{@code
 * @ExtendWith(SeleniumCaptchaFeedbackExtension.class)
 * @CaptchaFeedbackConfiguration(file = "src/test/resources/captcha-feedback.yml", failOnRejectedCaptcha = true)
 * class SignInTest {
 *     static WebDriver driver;
 *
 *     @BeforeAll static void start() { driver = new ChromeDriver(); }
 *     @AfterAll static void stop() { driver.quit(); }
 *
 *     @Test
 *     void signsIn(SeleniumCaptchaFeedback captcha) {
 *         driver.get(url);
 *         captcha.solveAndInject(solver, SolvePolicy.of("capsolver"));   // finds, solves, injects
 *         driver.findElement(By.id("sign-in")).click();
 *     }
 * }
 * }</pre>
 *
 * <p>Stateless: its state lives in the extension store.
 */
public final class SeleniumCaptchaFeedbackExtension
        implements BeforeEachCallback, BeforeTestExecutionCallback, AfterEachCallback, ParameterResolver {
    private static final Logger LOG = LoggerFactory.getLogger(SeleniumCaptchaFeedbackExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SeleniumCaptchaFeedbackExtension.class);

    private final CaptchaFeedbackExtension core = new CaptchaFeedbackExtension();

    @Override
    public void beforeEach(ExtensionContext context) {
        core.beforeEach(context);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws IllegalAccessException {
        Handles handles = handles(context);
        CaptchaFeedback feedback = CaptchaFeedbackExtension.captchaFeedback(context);
        Object instance = context.getTestInstance().orElse(null);
        for (Field field : driverFields(context.getRequiredTestClass())) {
            boolean isStatic = Modifier.isStatic(field.getModifiers());
            if (!isStatic && instance == null) {
                continue;
            }
            field.setAccessible(true);
            Object target = isStatic ? null : instance;
            Object value = field.get(target);
            if (!(value instanceof WebDriver driver) || handles.isDecorated(driver)) {
                continue;
            }
            SeleniumCaptchaFeedback handle = handles.attach(driver, feedback);
            field.set(target, handle.driver());
            LOG.debug("wrapped the driver in {}.{}", field.getDeclaringClass().getSimpleName(), field.getName());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Handles handles = handles(context);
        core.afterEach(context, timeout -> {
            long end = System.nanoTime() + timeout.toNanos();
            for (SeleniumCaptchaFeedback handle : handles.all()) {
                handle.awaitVerdicts(java.time.Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            }
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == SeleniumCaptchaFeedback.class || core.supportsParameter(parameterContext, extensionContext);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() != SeleniumCaptchaFeedback.class) {
            return core.resolveParameter(parameterContext, extensionContext);
        }
        try {
            beforeTestExecution(extensionContext);
        } catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException("cannot read the WebDriver fields of the test class", e);
        }
        List<SeleniumCaptchaFeedback> all = handles(extensionContext).all();
        if (all.isEmpty()) {
            throw new ExtensionConfigurationException("a SeleniumCaptchaFeedback parameter needs a WebDriver field"
                    + " (declared as WebDriver and set in @BeforeAll or @BeforeEach) in " + extensionContext.getRequiredTestClass().getName());
        }
        if (all.size() > 1) {
            throw new ExtensionConfigurationException("a SeleniumCaptchaFeedback parameter is ambiguous with "
                    + all.size() + " WebDriver fields in " + extensionContext.getRequiredTestClass().getName());
        }
        return all.get(0);
    }

    private static List<Field> driverFields(Class<?> type) {
        return ReflectionSupport.findFields(type, f -> f.getType() == WebDriver.class, HierarchyTraversalMode.TOP_DOWN);
    }

    private static Handles handles(ExtensionContext context) {
        ExtensionContext owner = context;
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestClass().isPresent() && c.getTestMethod().isEmpty()) {
                owner = c;
                break;
            }
        }
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(Handles.class);
    }

    @Override
    public String toString() {
        return "SeleniumCaptchaFeedbackExtension";
    }

    /** The handles of one test class, closed (not quit) with it. */
    @SuppressWarnings("deprecation")
    static final class Handles implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Map<WebDriver, SeleniumCaptchaFeedback> byDecorated = new IdentityHashMap<>();

        synchronized boolean isDecorated(WebDriver driver) {
            return byDecorated.containsKey(driver);
        }

        synchronized SeleniumCaptchaFeedback attach(WebDriver driver, CaptchaFeedback feedback) {
            SeleniumCaptchaFeedback handle = SeleniumCaptchaFeedback.attach(driver, feedback);
            byDecorated.put(handle.driver(), handle);
            return handle;
        }

        synchronized List<SeleniumCaptchaFeedback> all() {
            return new ArrayList<>(byDecorated.values());
        }

        @Override
        public synchronized void close() {
            for (SeleniumCaptchaFeedback handle : byDecorated.values()) {
                try {
                    handle.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing {} failed", handle, e);
                }
            }
            byDecorated.clear();
        }
    }
}
