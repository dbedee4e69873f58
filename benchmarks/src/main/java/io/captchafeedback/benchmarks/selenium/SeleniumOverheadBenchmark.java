package io.captchafeedback.benchmarks.selenium;

import com.sun.net.httpserver.HttpServer;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.rule.Condition;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.selenium.SeleniumCaptchaFeedback;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two measurements against a local page in headless Chromium, printed as a table (not a timed test):
 * <ol>
 *   <li>Overhead: the same scripted flow of 200 WebDriver commands with the plain driver and with the
 *       driver decorated by captcha-feedback (attached, BiDi on, no task pending), in interleaved
 *       rounds on one browser session (attached before and detached after each wrapped round, so the
 *       plain rounds run without any of it); the ratio of the median round times. The attach itself
 *       (including the decorator's one-time generation of its WebElement proxy class) is timed apart.</li>
 *   <li>Detection latency: from the moment the outcome element appears in the page ({@code Date.now()}
 *       in the page right after it is inserted) to the verdict (the verdict listener's clock), next to a
 *       {@code WebDriverWait} at its default polling interval waiting for the same element.</li>
 * </ol>
 * Run: {@code java -cp <benchmarks classpath> io.captchafeedback.benchmarks.selenium.SeleniumOverheadBenchmark [rounds] [samples]}.
 */
public final class SeleniumOverheadBenchmark {

    private static final String PAGE = """
            <!doctype html><title>Bench</title>
            <input id="q"><button id="b" onclick="document.getElementById('out').textContent = document.getElementById('q').value">go</button>
            <div id="out"></div>
            <button id="later" onclick="setTimeout(function () {
                var d = document.createElement('div'); d.className = 'success'; d.textContent = 'Welcome';
                document.body.appendChild(d); window.__shownAt = Date.now(); }, 150 + Math.random() * 100)">later</button>
            """;

    private SeleniumOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/bench";
        ChromeDriver chrome = SeleniumChromium.start();
        try (ProviderEmulator emulator = ProviderEmulator.start();
             CaptchaFeedback feedback = captchaFeedback(emulator)) {
            overhead(chrome, feedback, url, rounds);
            latency(chrome, feedback, emulator, url, samples);
        } finally {
            chrome.quit();
            server.stop(0);
        }
    }

    static CaptchaFeedback captchaFeedback(ProviderEmulator emulator) throws IOException {
        CaptchaFeedbackConfig config = CaptchaFeedbackConfig.builder().environment(Map.of())
                .provider(new ProviderSettings("regotcha", "regotcha", ApiKey.of(emulator.apiKey("regotcha")),
                        emulator.baseUri("regotcha"), null, Map.of()))
                .build();
        Rules rules = Rules.of(RuleSet.builder("127.0.0.1")
                .rule("welcome", Condition.visible(".success"), Outcome.ACCEPTED)
                .timeout(Duration.ofSeconds(5))
                .build());
        return CaptchaFeedback.builder().config(config).rules(rules)
                .outbox(Files.createTempDirectory("captcha-feedback-bench")).build();
    }

    /** 200 commands: get, title, then 33 x (find, sendKeys, find, click, find, getText). */
    static void flow(WebDriver driver, String url) {
        driver.get(url);
        driver.getTitle();
        for (int i = 0; i < 33; i++) {
            WebElement q = driver.findElement(By.id("q"));
            q.sendKeys("x");
            driver.findElement(By.id("b")).click();
            driver.findElement(By.id("out")).getText();
        }
    }

    static void overhead(ChromeDriver chrome, CaptchaFeedback feedback, String url, int rounds) {
        List<Long> plain = new ArrayList<>();
        List<Long> wrapped = new ArrayList<>();
        for (int warm = 0; warm < 2; warm++) {
            flow(chrome, url);
            try (SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(chrome, feedback)) {
                flow(cf.driver(), url);
            }
        }
        for (int r = 0; r < rounds; r++) {
            // Alternate which goes first, so drift in the machine's load affects both alike.
            if (r % 2 == 0) {
                plain.add(timePlain(chrome, url));
                wrapped.add(timeWrapped(chrome, feedback, url));
            } else {
                wrapped.add(timeWrapped(chrome, feedback, url));
                plain.add(timePlain(chrome, url));
            }
        }
        double p = median(plain) / 1e6;
        double w = median(wrapped) / 1e6;
        System.out.printf(Locale.ROOT, "overhead: %d rounds of 200 commands: plain median %.1f ms, wrapped median %.1f ms, ratio %.3f"
                + " (totals %.1f / %.1f ms, ratio %.3f)%n", rounds, p, w, w / p,
                sum(plain) / 1e6, sum(wrapped) / 1e6, (double) sum(wrapped) / sum(plain));
        System.out.printf(Locale.ROOT, "attach (BiDi subscriptions, preload script, first WebElement proxy): median %.1f ms, not in the flow times%n",
                median(ATTACH) / 1e6);
    }

    static long timePlain(ChromeDriver chrome, String url) {
        long t0 = System.nanoTime();
        flow(chrome, url);
        return System.nanoTime() - t0;
    }

    /** Attach cost: attaching plus the decorator's first proxy of a WebElement (a class it generates once per decorator). */
    static final List<Long> ATTACH = new ArrayList<>();

    static long timeWrapped(ChromeDriver chrome, CaptchaFeedback feedback, String url) {
        long a0 = System.nanoTime();
        try (SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(chrome, feedback)) {
            cf.driver().findElement(By.tagName("body"));
            ATTACH.add(System.nanoTime() - a0);
            long t0 = System.nanoTime();
            flow(cf.driver(), url);
            return System.nanoTime() - t0;
        }
    }

    static void latency(ChromeDriver chrome, CaptchaFeedback feedback, ProviderEmulator emulator, String url, int samples)
            throws Exception {
        List<Long> viaVerdict = new ArrayList<>();
        List<Long> viaWait = new ArrayList<>();
        JavascriptExecutor js = chrome;
        try (SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(chrome, feedback)) {
            WebDriver driver = cf.driver();
            for (int i = 0; i < samples + 3; i++) {
                driver.get(url);
                SolvedTask task = emulator.solve("regotcha", CaptchaType.TURNSTILE, url, "bench-key");
                CompletableFuture<Long> decidedAt = new CompletableFuture<>();
                feedback.onVerdict(v -> {
                    if (v.task().key().equals(task.key())) {
                        decidedAt.complete(System.currentTimeMillis());
                    }
                });
                cf.track(task);
                driver.findElement(By.id("later")).click();
                long at = decidedAt.get(5, TimeUnit.SECONDS);
                long shown = ((Number) js.executeScript("return window.__shownAt")).longValue();
                if (i >= 3) {
                    viaVerdict.add(at - shown);
                }
            }
        }
        for (int i = 0; i < samples + 3; i++) {
            chrome.get(url);
            chrome.findElement(By.id("later")).click();
            new WebDriverWait(chrome, Duration.ofSeconds(5)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".success")));
            long at = System.currentTimeMillis();
            long shown = ((Number) js.executeScript("return window.__shownAt")).longValue();
            if (i >= 3) {
                viaWait.add(at - shown);
            }
        }
        print("latency captcha-feedback (BiDi + in-page runner)", viaVerdict);
        print("latency WebDriverWait (default 500 ms polling)", viaWait);
    }

    static void print(String label, List<Long> ms) {
        List<Long> s = new ArrayList<>(ms);
        Collections.sort(s);
        System.out.printf(Locale.ROOT, "%s: n=%d p50=%d ms p90=%d ms max=%d ms%n", label, s.size(),
                s.get(s.size() / 2), s.get((int) Math.min(s.size() - 1, Math.round(s.size() * 0.9))), s.get(s.size() - 1));
    }

    static double median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static long sum(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }
}
