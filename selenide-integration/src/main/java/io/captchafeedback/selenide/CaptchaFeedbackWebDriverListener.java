package io.captchafeedback.selenide;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import java.lang.reflect.Method;
import java.util.Optional;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WrapsDriver;
import org.openqa.selenium.support.events.WebDriverListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's Selenium {@link WebDriverListener} for Selenide, added with {@code WebDriverRunner.addListener}
 * by {@link CaptchaFeedbackSelenide#install()} (or given to a {@code SelenideDriver}'s constructor). Selenide
 * decorates every browser it opens with it; it attaches captcha-feedback to the browser on its first command
 * (the {@code CaptchaFeedback} of the running JUnit 5 test class or TestNG suite, else the one given to
 * {@link CaptchaFeedbackSelenide#use}), recognises registered tokens the test puts in itself with
 * {@code sendKeys}/{@code setValue} or a script run on {@code WebDriverRunner.getWebDriver()}, drives the probes after each command when
 * the browser has no BiDi, and closes the handle (pending tasks decided or UNKNOWN) when the browser quits.
 *
 * Selenide's own {@code executeJavaScript} runs on the undecorated driver, out of any listener's sight: hand a
 * token put in that way over with {@link CaptchaFeedbackSelenide#track}.
 *
 * <!-- java: given SelenideConfig config -->
 * <pre>{@code
 * import com.codeborne.selenide.SelenideConfig;
 * import com.codeborne.selenide.SelenideDriver;
 *
 * SelenideDriver browser = new SelenideDriver(config, List.of(CaptchaFeedbackSelenide.listener()));
 * }</pre>
 *
 * <p>Thread-safe; it never throws into the test: its failures are logged.
 */
public final class CaptchaFeedbackWebDriverListener implements WebDriverListener {
    private static final Logger LOG = LoggerFactory.getLogger(CaptchaFeedbackWebDriverListener.class);

    CaptchaFeedbackWebDriverListener() {
    }

    @Override
    public void beforeAnyWebDriverCall(WebDriver driver, Method method, Object[] args) {
        try {
            Optional<Scope> scope = CaptchaFeedbackSelenide.scope();
            if (scope.isEmpty()) {
                return;
            }
            SeleniumCaptchaFeedback handle = scope.get().handle(driver);
            String name = method.getName();
            if (name.equals("executeScript") || name.equals("executeAsyncScript")) {
                recognise(scope.get(), handle, args);
            }
        } catch (RuntimeException e) {
            LOG.warn("captcha-feedback could not look at {}; the command runs unchanged", method.getName(), e);
        }
    }

    @Override
    public void beforeSendKeys(WebElement element, CharSequence... keysToSend) {
        try {
            if (element instanceof WrapsDriver owner) {
                CaptchaFeedbackSelenide.scope().ifPresent(scope -> scope.existing(owner.getWrappedDriver())
                        .ifPresent(handle -> recognise(scope, handle, keysToSend)));
            }
        } catch (RuntimeException e) {
            LOG.warn("captcha-feedback could not look at sendKeys; the command runs unchanged", e);
        }
    }

    @Override
    public void afterAnyCall(Object target, Method method, Object[] args, Object result) {
        if (!(target instanceof WebDriver driver) && !(target instanceof WrapsDriver)) {
            return;
        }
        try {
            WebDriver owner = target instanceof WebDriver d ? d : ((WrapsDriver) target).getWrappedDriver();
            Optional<SeleniumCaptchaFeedback> handle = CaptchaFeedbackSelenide.scope().flatMap(s -> s.existing(owner));
            if (handle.isPresent() && !handle.get().usesBiDi() && !handle.get().pending().isEmpty() && !method.getName().equals("quit")) {
                handle.get().driver().getWindowHandle(); // a command through the handle's decorator runs its probes
            }
        } catch (RuntimeException e) {
            LOG.debug("captcha-feedback could not probe after {}; ignored", method.getName(), e);
        }
    }

    @Override
    public void beforeQuit(WebDriver driver) {
        try {
            CaptchaFeedbackSelenide.scope().ifPresent(scope -> scope.existing(driver).ifPresent(handle -> {
                handle.close();
                scope.forget(driver);
            }));
        } catch (RuntimeException e) {
            LOG.warn("captcha-feedback could not close its handle of a quitting browser; ignored", e);
        }
    }

    private static void recognise(Scope scope, SeleniumCaptchaFeedback handle, Object[] args) {
        if (args == null || !scope.feedback().hasRegisteredTokens()) {
            return;
        }
        for (Object arg : args) {
            Optional<SolvedTask> task = find(scope, arg);
            if (task.isPresent()) {
                handle.track(task.get());
                return;
            }
        }
    }

    private static Optional<SolvedTask> find(Scope scope, Object value) {
        if (value instanceof CharSequence text) {
            return scope.feedback().findInText(text);
        }
        if (value instanceof Object[] array) {
            for (Object o : array) {
                Optional<SolvedTask> found = find(scope, o);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "CaptchaFeedbackWebDriverListener";
    }
}
