package io.captchafeedback.selenium.internal;

import io.captchafeedback.task.SolvedTask;
import java.lang.reflect.Method;
import java.util.Optional;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.decorators.Decorated;
import org.openqa.selenium.support.decorators.WebDriverDecorator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decorator around the user's driver. Every call passes through unchanged; the hooks only look:
 * before {@code executeScript}/{@code executeAsyncScript}/{@code sendKeys} carrying a registered token
 * the task is tracked, after any command pending detections without an in-page runner are probed
 * (throttled), and {@code quit} ends the session. With nothing registered and nothing pending, a call
 * costs two volatile reads. Hook failures are logged, never thrown into the user's flow.
 *
 * <p>Thread-safe.
 */
public final class FeedbackDecorator extends WebDriverDecorator<WebDriver> {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackDecorator.class);

    private final Session session;

    public FeedbackDecorator(Session session) {
        super(WebDriver.class);
        this.session = session;
    }

    @Override
    public void beforeCall(Decorated<?> target, Method method, Object[] args) {
        if (!session.feedback.hasRegisteredTokens()) {
            if ("quit".equals(method.getName()) && target.getOriginal() instanceof WebDriver) {
                quitting();
            }
            return;
        }
        try {
            String name = method.getName();
            if (name.equals("quit") && target.getOriginal() instanceof WebDriver) {
                quitting();
            } else if (name.equals("executeScript") || name.equals("executeAsyncScript") || name.equals("sendKeys")) {
                find(args).ifPresent(session::recognised);
            }
        } catch (RuntimeException e) {
            LOG.warn("captcha-feedback could not inspect {}; the command runs unchanged", method.getName(), e);
        }
    }

    @Override
    public void afterCall(Decorated<?> target, Method method, Object[] args, Object result) {
        if (session.isIdle()) {
            return;
        }
        try {
            session.afterCommand();
        } catch (RuntimeException e) {
            LOG.warn("captcha-feedback could not probe after {}; ignored", method.getName(), e);
        }
    }

    private void quitting() {
        try {
            session.close(true);
        } catch (RuntimeException e) {
            LOG.warn("captcha-feedback could not close its session; ignored", e);
        }
    }

    private Optional<SolvedTask> find(Object[] args) {
        if (args == null) {
            return Optional.empty();
        }
        for (Object arg : args) {
            Optional<SolvedTask> found = findIn(arg);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<SolvedTask> findIn(Object value) {
        if (value instanceof CharSequence text) {
            return session.feedback.findInText(text);
        }
        if (value instanceof Object[] array) {
            for (Object o : array) {
                Optional<SolvedTask> found = findIn(o);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value instanceof Iterable<?> list) {
            for (Object o : list) {
                Optional<SolvedTask> found = findIn(o);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value instanceof java.util.Map<?, ?> map) {
            return findIn(map.values());
        }
        return Optional.empty();
    }
}
