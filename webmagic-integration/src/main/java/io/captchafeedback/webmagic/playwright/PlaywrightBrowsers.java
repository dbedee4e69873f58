package io.captchafeedback.webmagic.playwright;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.playwright.PlaywrightCaptchaFeedback;
import io.captchafeedback.webmagic.BrowserSession;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playwright browsers for a {@link io.captchafeedback.webmagic.CaptchaDownloader}: each one its own
 * {@link Playwright} (Playwright objects must not be used by two threads at once; the pool lends a browser
 * to one spider thread at a time), a browser from your launcher, one context attached to captcha-feedback
 * and one page.
 *
 * <pre>{@code
 * PlaywrightBrowsers.chromium(new Playwright.CreateOptions(),
 *         pw -> pw.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)));
 * // on a Selenium Grid node: pw -> pw.chromium().connectOverCDP(cdpUrl)
 * }</pre>
 *
 * <p>Thread-safe if the launcher is.
 */
public final class PlaywrightBrowsers implements BrowserSession.Factory {
    private static final Logger LOG = LoggerFactory.getLogger(PlaywrightBrowsers.class);

    private final Playwright.CreateOptions options;
    private final Function<Playwright, Browser> launcher;

    private PlaywrightBrowsers(Playwright.CreateOptions options, Function<Playwright, Browser> launcher) {
        this.options = options;
        this.launcher = launcher;
    }

    /** Browsers launched by {@code launcher} in a Playwright created with {@code options}. */
    public static PlaywrightBrowsers chromium(Playwright.CreateOptions options, Function<Playwright, Browser> launcher) {
        return new PlaywrightBrowsers(Objects.requireNonNull(options, "options == null"),
                Objects.requireNonNull(launcher, "launcher == null"));
    }

    @Override
    public BrowserSession start(CaptchaFeedback feedback) {
        Playwright playwright = Playwright.create(options);
        try {
            Browser browser = launcher.apply(playwright);
            BrowserContext context = browser.newContext();
            Attachment attachment = feedback == null ? null : PlaywrightCaptchaFeedback.attach(context, feedback);
            return new Session(playwright, browser, attachment, context.newPage());
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    private static final class Session implements BrowserSession {
        private final Playwright playwright;
        private final Browser browser;
        private final Attachment attachment;
        private final Page page;

        Session(Playwright playwright, Browser browser, Attachment attachment, Page page) {
            this.playwright = playwright;
            this.browser = browser;
            this.attachment = attachment;
            this.page = page;
        }

        @Override
        public void open(String url, Duration timeout) {
            page.navigate(url, new Page.NavigateOptions().setTimeout(timeout.toMillis()));
        }

        @Override
        public String currentUrl() {
            return page.url();
        }

        @Override
        public String evaluate(String script) {
            return (String) page.evaluate(script, Map.of());
        }

        @Override
        public void inject(SolvedTask task) {
            attachment.inject(page, task);
        }

        @Override
        public boolean click(String css) {
            if (page.locator(css).count() == 0) {
                return false;
            }
            page.locator(css).first().click();
            return true;
        }

        @Override
        public Optional<TaskVerdict> awaitVerdict(Duration timeout) {
            return attachment.awaitVerdict(timeout);
        }

        @Override
        public String content() {
            return page.content();
        }

        @Override
        public void close() {
            try {
                if (attachment != null) {
                    attachment.close();
                }
            } catch (RuntimeException e) {
                LOG.warn("detaching captcha-feedback failed: {}", e.toString());
            }
            try {
                browser.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the browser failed: {}", e.toString());
            }
            try {
                playwright.close();
            } catch (RuntimeException e) {
                LOG.warn("closing Playwright failed: {}", e.toString());
            }
        }
    }
}
