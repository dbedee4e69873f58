package io.captchafeedback.webmagic;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.solve.FoundWidget;
import io.captchafeedback.spi.FoundWidgets;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.codecraft.webmagic.Page;
import us.codecraft.webmagic.Request;
import us.codecraft.webmagic.Task;
import us.codecraft.webmagic.downloader.Downloader;
import us.codecraft.webmagic.selector.PlainText;

/**
 * A WebMagic {@link Downloader} that loads each URL in a real browser and, when the page shows a captcha,
 * gets a token from a {@link TokenSource}, injects it, submits the form, lets the page react, has
 * captcha-feedback decide the verdict by the site's outcome rules (which reports it to the provider) and
 * hands WebMagic the page as it is then, with the verdict as a {@link PageVerdict}.
 *
 * <!-- java: given TokenSource tokens; PageProcessor processor; String[] urls -->
 * <pre>{@code
 * import io.captchafeedback.webmagic.selenium.SeleniumBrowsers;
 * import us.codecraft.webmagic.Spider;
 * import us.codecraft.webmagic.processor.PageProcessor;
 *
 * CaptchaDownloader downloader = CaptchaDownloader.builder(Path.of("captcha-feedback.yml"), tokens)
 *         .browsers(SeleniumBrowsers.of(() -> new ChromeDriver(options)))   // or PlaywrightBrowsers.chromium(...)
 *         .build();
 * Spider.create(processor).setDownloader(downloader).addUrl(urls).thread(2)
 *         .setEmptySleepTime(1000)   // see below
 *         .run();                    // run() closes it
 * }</pre>
 *
 * <p>{@code setEmptySleepTime}: WebMagic 1.0.3's main loop can miss the wake-up of the last busy spider
 * thread (the thread signals before it counts itself idle) and then sleeps the whole empty-queue wait,
 * 30 s by default, before {@code run()} returns. A page in a browser takes seconds anyway, so a short
 * wait costs nothing.
 *
 * <p>Browsers are started on demand, at most one per spider thread ({@link #setThread}), and reused; a
 * spider that stops closes the downloader ({@link Closeable}), which closes every browser and then the
 * {@link CaptchaFeedback} (its reporter delivers what is due within its close timeout). The spider's
 * {@code Site.timeOut} bounds each page load. Thread-safe.
 */
public final class CaptchaDownloader implements Downloader, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptchaDownloader.class);
    private static final Duration POLL = Duration.ofMillis(50);
    /**
     * Words every widget the finder knows leaves in the DOM (its markup class, script URL, iframe or token
     * field): {@code data-sitekey}, {@code recaptcha}, {@code hcaptcha}, {@code turnstile}, Arkose's
     * {@code data-pkey}, {@code arkoselabs}, {@code funcaptcha}, {@code fc-token}; and a frame, whose
     * document the top page's HTML does not show.
     */
    private static final Pattern MAY_HAVE_CAPTCHA = Pattern.compile(
            "data-sitekey|recaptcha|hcaptcha|turnstile|data-pkey|arkoselabs|funcaptcha|fc-token|<i?frame\\b",
            Pattern.CASE_INSENSITIVE);

    private final CaptchaFeedback feedback;
    private final TokenSource tokens;
    private final BrowserSession.Factory browsers;
    private final String submit;
    private final Duration widgetWait;
    private final Duration verdictWait;
    private final BlockingQueue<BrowserSession> idle = new LinkedBlockingQueue<>();
    private final Set<BrowserSession> started = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int maxBrowsers = 1;

    private CaptchaDownloader(Builder b) {
        this.feedback = b.feedback;
        this.tokens = b.tokens;
        this.browsers = Objects.requireNonNull(b.browsers, "browsers(...) not set: pick an engine's BrowserSession.Factory");
        this.submit = b.submit;
        this.widgetWait = b.widgetWait;
        this.verdictWait = b.verdictWait;
    }

    /** A downloader that handles captchas with {@code feedback} (closed with the downloader) and {@code tokens}. */
    public static Builder builder(CaptchaFeedback feedback, TokenSource tokens) {
        Builder b = new Builder();
        b.feedback = Objects.requireNonNull(feedback, "feedback == null");
        b.tokens = Objects.requireNonNull(tokens, "tokens == null");
        return b;
    }

    /**
     * A downloader configured from the library's file (providers, rules, reporter): errors in it name the
     * file, line and column.
     */
    public static Builder builder(Path configFile, TokenSource tokens) {
        return builder(CaptchaFeedback.builder().config(CaptchaFeedbackConfig.load(configFile)).build(), tokens);
    }

    /** A plain browser downloader, without captcha-feedback: for comparing. */
    public static Builder withoutCaptchaFeedback() {
        return new Builder();
    }

    @Override
    public void setThread(int threadNum) {
        if (threadNum < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threadNum);
        }
        maxBrowsers = threadNum;
    }

    @Override
    public Page download(Request request, Task task) {
        String url = request.getUrl();
        if (closed.get()) {
            return failure(request, PageVerdict.failed(url, false, null, "downloader closed"));
        }
        Duration loadTimeout = task.getSite() != null && task.getSite().getTimeOut() > 0
                ? Duration.ofMillis(task.getSite().getTimeOut()) : Duration.ofSeconds(30);
        BrowserSession session;
        try {
            session = borrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(request, PageVerdict.failed(url, false, null, "interrupted"));
        } catch (RuntimeException e) {
            LOG.warn("could not start a browser for {}: {}", url, e.toString());
            return failure(request, PageVerdict.failed(url, false, null, "no browser: " + firstLine(e)));
        }
        boolean healthy = true;
        try {
            session.open(url, loadTimeout);
            String html = session.content();
            if (feedback == null) {
                return success(request, session, html, null);
            }
            Optional<FoundWidget> widget = findWidget(session, html);
            if (widget.isEmpty()) {
                return success(request, session, html, PageVerdict.noCaptcha(url));
            }
            PageVerdict verdict = handleCaptcha(session, url, widget.get());
            return success(request, session, session.content(), verdict);
        } catch (RuntimeException e) {
            healthy = false;
            LOG.warn("download of {} failed: {}", url, e.toString());
            return failure(request, PageVerdict.failed(url, false, null, firstLine(e)));
        } finally {
            giveBack(session, healthy);
        }
    }

    private PageVerdict handleCaptcha(BrowserSession session, String url, FoundWidget widget) {
        SolvedTask task;
        try {
            task = tokens.solve(widget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PageVerdict.failed(url, true, null, "interrupted while solving");
        } catch (Exception e) {
            return PageVerdict.failed(url, true, null, "no token: " + firstLine(e));
        }
        try {
            session.inject(task);
        } catch (RuntimeException e) {
            // The integration has given the task UNKNOWN already: nothing is reported for it.
            return PageVerdict.failed(url, true, task.key(), "injection failed: " + firstLine(e));
        }
        if (widget.type() != CaptchaType.RECAPTCHA_V2_INVISIBLE) {
            session.click(submit);   // the invisible widget's callback submits by itself
        }
        Optional<TaskVerdict> verdict = session.awaitVerdict(verdictWait);
        if (verdict.isEmpty()) {
            return PageVerdict.failed(url, true, task.key(), "no verdict within " + verdictWait.toMillis() + " ms");
        }
        return new PageVerdict(url, true, verdict.get().verdict().outcome(), task.key(),
                verdict.get().verdict().evidence().rule(), null);
    }

    /**
     * The page's widget, if any, in the top document or a child frame's: the finder runs only when the page's
     * current DOM mentions a captcha vendor or has a frame, so a page with neither costs no extra round trip
     * to the browser.
     */
    private Optional<FoundWidget> findWidget(BrowserSession session, String html) {
        long deadline = System.nanoTime() + widgetWait.toNanos();
        String current = html;
        while (true) {
            if (MAY_HAVE_CAPTCHA.matcher(current).find()) {
                String topUrl = session.currentUrl();
                for (BrowserSession.FrameAnswer answer : session.evaluateInFrames(FoundWidgets.script())) {
                    // a widget in a frame is the top page's: providers are given the top page's URL
                    List<FoundWidget> widgets = FoundWidgets.parse(answer.answer(), topUrl, answer.framePath());
                    if (!widgets.isEmpty()) {
                        return Optional.of(widgets.get(0));
                    }
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            current = session.content();
        }
    }

    private Page success(Request request, BrowserSession session, String html, PageVerdict verdict) {
        Page page = Page.ofSuccess(request);
        page.setRequest(request);
        page.setRawText(html);
        page.setBytes(html.getBytes(StandardCharsets.UTF_8));
        page.setCharset(StandardCharsets.UTF_8.name());
        page.setUrl(new PlainText(session.currentUrl()));
        int status = session.status();
        page.setStatusCode(status > 0 ? status : 200);   // the real status of the document shown; 200 when unknown
        if (verdict != null) {
            verdict.writeTo(request);
            page.putField(PageVerdict.FIELD, verdict);
        }
        return page;
    }

    private static Page failure(Request request, PageVerdict verdict) {
        verdict.writeTo(request);
        Page page = Page.ofFailure(request);
        page.setRequest(request);
        page.putField(PageVerdict.FIELD, verdict);
        return page;
    }

    private BrowserSession borrow() throws InterruptedException {
        while (true) {
            BrowserSession session = idle.poll();
            if (session != null) {
                return session;
            }
            synchronized (started) {
                if (started.size() < maxBrowsers) {
                    BrowserSession fresh = browsers.start(feedback);
                    started.add(fresh);
                    return fresh;
                }
            }
            session = idle.poll(1, TimeUnit.SECONDS);
            if (session != null) {
                return session;
            }
            if (closed.get()) {
                throw new IllegalStateException("downloader closed");
            }
        }
    }

    private void giveBack(BrowserSession session, boolean healthy) {
        if (healthy && !closed.get()) {
            idle.add(session);
            return;
        }
        // A browser that failed (crashed, hung page) is replaced by a fresh one on the next borrow.
        synchronized (started) {
            started.remove(session);
        }
        session.close();
    }

    /** How many browsers are open now. */
    public int openBrowsers() {
        return started.size();
    }

    /** Closes every browser, then captcha-feedback (its reporter delivers what is due). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (started) {
            for (BrowserSession session : started) {
                session.close();
            }
            started.clear();
            idle.clear();
        }
        if (feedback != null) {
            feedback.close();
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public String toString() {
        return "CaptchaDownloader[browsers=" + started.size() + "/" + maxBrowsers + ", feedback=" + (feedback != null) + "]";
    }

    /** Settings of a {@link CaptchaDownloader}. Not thread-safe. */
    public static final class Builder {
        private CaptchaFeedback feedback;
        private TokenSource tokens;
        private BrowserSession.Factory browsers;
        private String submit = "button[type=submit]";
        private Duration widgetWait = Duration.ZERO;
        private Duration verdictWait = Duration.ofSeconds(15);

        private Builder() {
        }

        /** The engine: {@code SeleniumBrowsers.of(...)} or {@code PlaywrightBrowsers.chromium(...)}. */
        public Builder browsers(BrowserSession.Factory browsers) {
            this.browsers = Objects.requireNonNull(browsers, "browsers == null");
            return this;
        }

        /** The CSS selector of the button that submits the captcha's form; default {@code button[type=submit]}. */
        public Builder submit(String css) {
            this.submit = Objects.requireNonNull(css, "css == null");
            return this;
        }

        /**
         * How long after the load event a page may take to show its captcha; default 0 (looked for once,
         * in the DOM the page has then).
         */
        public Builder widgetWait(Duration wait) {
            this.widgetWait = nonNegative(wait, "widgetWait");
            return this;
        }

        /** How long to wait for the site's verdict after submitting; default 15 s (longer than rule timeouts). */
        public Builder verdictWait(Duration wait) {
            this.verdictWait = nonNegative(wait, "verdictWait");
            return this;
        }

        /** The downloader. */
        public CaptchaDownloader build() {
            return new CaptchaDownloader(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
