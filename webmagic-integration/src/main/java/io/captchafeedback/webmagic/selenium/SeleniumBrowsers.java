package io.captchafeedback.webmagic.selenium;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import io.captchafeedback.webmagic.BrowserSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Selenium browsers for a {@link io.captchafeedback.webmagic.CaptchaDownloader}: each one a driver from
 * your supplier (local ChromeDriver, or a {@code RemoteWebDriver} on a Selenium Grid), attached to
 * captcha-feedback. Start drivers with BiDi ({@code webSocketUrl}) so popups and network outcomes are seen.
 *
 * <!-- java: given TokenSource tokens -->
 * <pre>{@code
 * import io.captchafeedback.webmagic.CaptchaDownloader;
 * import io.captchafeedback.webmagic.TokenSource;
 *
 * CaptchaDownloader.builder(feedback, tokens).browsers(SeleniumBrowsers.of(() -> new ChromeDriver(options)));
 * }</pre>
 *
 * <p>Thread-safe if the supplier is.
 */
public final class SeleniumBrowsers implements BrowserSession.Factory {
    private static final Logger LOG = LoggerFactory.getLogger(SeleniumBrowsers.class);

    private final Supplier<? extends WebDriver> drivers;

    private SeleniumBrowsers(Supplier<? extends WebDriver> drivers) {
        this.drivers = drivers;
    }

    /** Browsers from {@code drivers}; each driver is quit when the downloader closes. */
    public static SeleniumBrowsers of(Supplier<? extends WebDriver> drivers) {
        return new SeleniumBrowsers(Objects.requireNonNull(drivers, "drivers == null"));
    }

    @Override
    public BrowserSession start(CaptchaFeedback feedback) {
        WebDriver driver = Objects.requireNonNull(drivers.get(), "the driver supplier returned null");
        if (feedback == null) {
            return new Session(driver, null);
        }
        SeleniumCaptchaFeedback attached = SeleniumCaptchaFeedback.attach(driver, feedback);
        return new Session(attached.driver(), attached);
    }

    /** How many levels of frames the widget finder looks into. */
    static final int FRAME_DEPTH = 2;

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static final class Session implements BrowserSession {
        private final WebDriver driver;
        private final SeleniumCaptchaFeedback feedback;

        Session(WebDriver driver, SeleniumCaptchaFeedback feedback) {
            this.driver = driver;
            this.feedback = feedback;
        }

        @Override
        public void open(String url, Duration timeout) {
            driver.manage().timeouts().pageLoadTimeout(timeout);
            driver.get(url);
        }

        @Override
        public String currentUrl() {
            return driver.getCurrentUrl();
        }

        @Override
        public String evaluate(String script) {
            return (String) ((JavascriptExecutor) driver).executeScript("return (" + script + ")({});");
        }

        @Override
        public List<FrameAnswer> evaluateInFrames(String script) {
            List<FrameAnswer> out = new ArrayList<>();
            driver.switchTo().defaultContent();
            try {
                collect(script, new ArrayList<>(), out);
            } finally {
                driver.switchTo().defaultContent();
            }
            return out;
        }

        /** Evaluates in the current frame's document, then in each of its frames, {@link #FRAME_DEPTH} levels down. */
        private void collect(String script, List<String> path, List<FrameAnswer> out) {
            try {
                out.add(new FrameAnswer(path, evaluate(script)));
            } catch (WebDriverException e) {
                LOG.debug("the widget finder could not run in frame {}: {}", path, firstLine(e));
                return;
            }
            if (path.size() >= FRAME_DEPTH) {
                return;
            }
            List<WebElement> frames = driver.findElements(By.cssSelector("iframe, frame"));
            for (WebElement frame : frames) {
                String name;
                try {
                    String n = frame.getAttribute("name");
                    name = n == null || n.isEmpty() ? String.valueOf(frame.getAttribute("src")) : n;
                    driver.switchTo().frame(frame);
                } catch (WebDriverException e) {
                    continue; // gone meanwhile
                }
                try {
                    List<String> inner = new ArrayList<>(path);
                    inner.add(name);
                    collect(script, inner, out);
                } finally {
                    driver.switchTo().parentFrame();
                }
            }
        }

        /**
         * Chromium's Navigation Timing {@code responseStatus} of the top document (the status of its last
         * response, after redirects); 0 where the browser does not give it.
         */
        @Override
        public int status() {
            try {
                Object status = ((JavascriptExecutor) driver).executeScript(
                        "var n = performance.getEntriesByType('navigation')[0]; return n && n.responseStatus ? n.responseStatus : 0;");
                return status instanceof Number n ? n.intValue() : 0;
            } catch (WebDriverException e) {
                LOG.debug("no status of the document: {}", firstLine(e));
                return 0;
            }
        }

        @Override
        public void inject(SolvedTask task) {
            feedback.inject(task);
        }

        @Override
        public boolean click(String css) {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return false;
            }
            found.get(0).click();
            return true;
        }

        @Override
        public Optional<TaskVerdict> awaitVerdict(Duration timeout) {
            return feedback.awaitVerdict(timeout);
        }

        @Override
        public String content() {
            return driver.getPageSource();
        }

        @Override
        public void close() {
            try {
                if (feedback != null) {
                    feedback.close();
                }
            } catch (RuntimeException e) {
                LOG.warn("detaching captcha-feedback failed: {}", e.toString());
            }
            try {
                driver.quit();
            } catch (RuntimeException e) {
                LOG.warn("quitting the driver failed: {}", e.toString());
            }
        }
    }
}
