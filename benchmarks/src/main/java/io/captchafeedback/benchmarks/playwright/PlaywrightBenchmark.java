package io.captchafeedback.benchmarks.playwright;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.playwright.PlaywrightCaptchaFeedback;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The Playwright integration's two figures, on the headless system Chromium against the testkit's demo
 * site (not a timed test). Run on demand:
 * <pre>{@code
 * java -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" \
 *     io.captchafeedback.benchmarks.playwright.PlaywrightBenchmark [latency-iterations] [overhead-rounds]
 * }</pre>
 * <ol>
 * <li><b>Detection latency</b>: a task is tracked on a demo page, then the page itself makes the outcome
 *     appear (a {@code .success} element, or a {@code turnstile.reset()} call) and stamps the moment
 *     with {@code performance.timeOrigin + performance.now()}; the latency is the time from that stamp
 *     to the verdict listener (same host clock). Target: p50 under 25 ms.</li>
 * <li><b>Overhead</b>: a flow of 200 Playwright actions (fills, clicks, evaluations that change the DOM, locator reads and
 *     a navigation every 20 actions) with no task pending, in a plain context and in an attached one,
 *     alternated round by round; the ratio of the medians. Target: at most 1.03.</li>
 * </ol>
 */
public final class PlaywrightBenchmark {
    private static final int ACTIONS = 200;

    private PlaywrightBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (ProviderEmulator emulator = ProviderEmulator.start();
                DemoSite site = DemoSite.start(emulator);
                ProviderRegistry registry = ProviderRegistry.create(List.of(new ProviderSettings("ucaptcha", "ucaptcha",
                        ApiKey.of(emulator.apiKey("ucaptcha")), emulator.baseUri("ucaptcha"), null, Map.of())));
                FeedbackReporter reporter = FeedbackReporter.builder().registry(registry)
                        .outbox(Files.createTempDirectory("cf-bench-outbox")).build();
                CaptchaFeedback feedback = CaptchaFeedback.builder().rules(DemoRules.rules()).reporter(reporter).build();
                Playwright playwright = Playwright.create(PlaywrightChromium.createOptions());
                Browser browser = PlaywrightChromium.launch(playwright)) {
            System.out.printf("Playwright %s, Chromium %s%n", Playwright.class.getPackage().getImplementationVersion(), browser.version());
            latency(browser, site, emulator, feedback, "DOM change (.success appears)", DemoReaction.SILENT,
                    "() => { const d = document.createElement('div'); d.className = 'success'; d.textContent = 'Signed in';"
                            + " document.getElementById('messages').appendChild(d); }", iterations);
            latency(browser, site, emulator, feedback, "widget reset (turnstile.reset())", DemoReaction.WIDGET_RESET,
                    "() => { turnstile.reset(); }", iterations);
            overhead(browser, site, feedback, rounds);
        }
    }

    private static void latency(Browser browser, DemoSite site, ProviderEmulator emulator, CaptchaFeedback feedback,
            String what, DemoReaction reaction, String outcome, int iterations) {
        latency(browser, site, emulator, feedback, what, reaction, outcome, iterations, true);
    }

    /** The detection latency of one scenario: from the page's own stamp of the outcome to the verdict listener. */
    static Histogram latency(Browser browser, DemoSite site, ProviderEmulator emulator, CaptchaFeedback feedback,
            String what, DemoReaction reaction, String outcome, int iterations, boolean goodToken) {
        DemoPage demo = DemoPage.of(DemoWidget.TURNSTILE, reaction);
        Histogram histogram = new Histogram(3);
        try (BrowserContext context = browser.newContext();
                Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            long[] decidedAt = new long[1];
            Consumer<TaskVerdict> stamp = v -> {
                Instant now = Instant.now();
                decidedAt[0] = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            };
            attachment.onVerdict(stamp);
            String scheduled = "() => new Promise(resolve => setTimeout(() => {"
                    + " const at = performance.timeOrigin + performance.now(); (" + outcome + ")(); resolve(at); }, 30))";
            for (int i = -10; i < iterations; i++) {
                page.navigate(site.url(demo));
                page.waitForFunction("() => !!document.querySelector('input[name=cf-turnstile-response]')");
                SolvedTask task = emulator.solve("ucaptcha", demo.widget().captchaType(), site.url(demo), demo.widget().siteKey());
                if (!goodToken) {
                    emulator.markBad(task.taskId());
                }
                attachment.inject(page, task);
                decidedAt[0] = 0;
                double appearedAtMillis = ((Number) page.evaluate(scheduled)).doubleValue();
                Optional<TaskVerdict> verdict = attachment.awaitVerdict(Duration.ofSeconds(5));
                if (verdict.isEmpty() || decidedAt[0] == 0) {
                    throw new IllegalStateException("no verdict for " + what + " in iteration " + i);
                }
                long micros = decidedAt[0] - Math.round(appearedAtMillis * 1000);
                if (i >= 0) {
                    histogram.recordValue(Math.max(0, micros));
                }
            }
        }
        System.out.printf("Detection latency, %s, %d iterations: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                what, iterations, histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
        return histogram;
    }

    private static void overhead(Browser browser, DemoSite site, CaptchaFeedback feedback, int rounds) {
        String url = site.url(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.INLINE_ERROR));
        List<Long> plain = new ArrayList<>();
        List<Long> attached = new ArrayList<>();
        for (int round = -2; round < rounds; round++) {
            for (boolean attach : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                try (BrowserContext context = browser.newContext()) {
                    Attachment attachment = attach ? PlaywrightCaptchaFeedback.attach(context, feedback) : null;
                    Page page = context.newPage();
                    page.navigate(url);
                    long start = System.nanoTime();
                    flow(page, url);
                    long took = System.nanoTime() - start;
                    if (attachment != null) {
                        attachment.close();
                    }
                    if (round >= 0) {
                        (attach ? attached : plain).add(took);
                    }
                }
            }
        }
        double p = median(plain) / 1e6;
        double a = median(attached) / 1e6;
        System.out.printf("Overhead, %d actions with no task pending, %d rounds: plain median %.1f ms, attached median %.1f ms,"
                + " ratio %.3f%n", ACTIONS, rounds, p, a, a / p);
    }

    /** 200 actions a test might make; every 20th is a navigation (a new document, its responses and the agent's hello). */
    private static void flow(Page page, String url) {
        for (int i = 0; i < ACTIONS; i++) {
            switch (i % 5) {
                case 0 -> {
                    if (i % 20 == 0) {
                        page.navigate(url);
                    } else {
                        page.fill("input[name=username]", "user" + i);
                    }
                }
                case 1 -> page.evaluate("n => { const d = document.createElement('span'); d.textContent = n;"
                        + " document.body.appendChild(d); return document.body.childElementCount; }", i);
                case 2 -> page.click("input[name=username]");
                case 3 -> page.locator("h1").textContent();
                default -> page.locator("#messages").count();
            }
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
