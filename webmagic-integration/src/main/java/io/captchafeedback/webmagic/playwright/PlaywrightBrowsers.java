package io.captchafeedback.webmagic.playwright;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.playwright.PlaywrightCaptchaFeedback;
import io.captchafeedback.webmagic.BrowserSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

        /** The status of the top document's last navigation response (3xx hops skipped); 0 before the first. */
        private volatile int status;

        Session(Playwright playwright, Browser browser, Attachment attachment, Page page) {
            this.playwright = playwright;
            this.browser = browser;
            this.attachment = attachment;
            this.page = page;
            // only reads the response's fields: nothing in this handler waits
            page.onResponse(r -> {
                int s = r.status();
                if ((s < 300 || s >= 400) && r.request().isNavigationRequest() && r.frame() == page.mainFrame()) {
                    status = s;
                }
            });
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public List<FrameAnswer> evaluateInFrames(String script) {
            List<FrameAnswer> out = new ArrayList<>();
            for (Frame frame : page.frames()) {
                List<String> path = new ArrayList<>();
                for (Frame f = frame; f.parentFrame() != null; f = f.parentFrame()) {
                    path.add(0, f.name() == null || f.name().isEmpty() ? f.url() : f.name());
                }
                try {
                    out.add(new FrameAnswer(path, (String) frame.evaluate(script, Map.of())));
                } catch (PlaywrightException e) {
                    LOG.debug("the widget finder could not run in frame {}: {}", path, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                }
            }
            return out;
        }

        @Override
        public void open(String url, Duration timeout) {
            status = 0;
            Response response = page.navigate(url, new Page.NavigateOptions().setTimeout(timeout.toMillis()));
            if (response != null) {
                status = response.status();
            }
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
