package io.captchafeedback.selenide;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.openqa.selenium.WebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scope} holding its own handles, all on one {@link CaptchaFeedback} (asked for when first needed);
 * closing it closes them (drivers are not quit).
 */
class Handles implements Scope, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Handles.class);

    private final Supplier<CaptchaFeedback> source;
    private CaptchaFeedback feedback;
    private final Map<WebDriver, SeleniumCaptchaFeedback> byDriver = new IdentityHashMap<>();

    Handles(Supplier<CaptchaFeedback> source) {
        this.source = source;
    }

    @Override
    public synchronized CaptchaFeedback feedback() {
        if (feedback == null) {
            feedback = source.get();
        }
        return feedback;
    }

    @Override
    public synchronized SeleniumCaptchaFeedback handle(WebDriver driver) {
        return byDriver.computeIfAbsent(driver, d -> SeleniumCaptchaFeedback.attach(d, feedback()));
    }

    @Override
    public synchronized Optional<SeleniumCaptchaFeedback> existing(WebDriver driver) {
        return Optional.ofNullable(byDriver.get(driver));
    }

    @Override
    public synchronized void forget(WebDriver driver) {
        byDriver.remove(driver);
    }

    synchronized List<SeleniumCaptchaFeedback> all() {
        return new ArrayList<>(byDriver.values());
    }

    @Override
    public void close() {
        for (SeleniumCaptchaFeedback handle : all()) {
            try {
                handle.close();
            } catch (RuntimeException e) {
                LOG.debug("closing {} failed", handle, e);
            }
        }
        synchronized (this) {
            byDriver.clear();
        }
    }
}
