package io.captchafeedback.benchmarks.webmagic;

import com.sun.net.httpserver.HttpServer;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import io.captchafeedback.webmagic.BrowserSession;
import io.captchafeedback.webmagic.CaptchaDownloader;
import io.captchafeedback.webmagic.playwright.PlaywrightBrowsers;
import io.captchafeedback.webmagic.selenium.SeleniumBrowsers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openqa.selenium.chrome.ChromeDriver;
import us.codecraft.webmagic.Page;
import us.codecraft.webmagic.Site;
import us.codecraft.webmagic.Spider;
import us.codecraft.webmagic.processor.PageProcessor;

/**
 * Pages per second through the WebMagic {@link CaptchaDownloader} on pages without a captcha, with
 * captcha-feedback (attached, widget finder run on every page) and without it (the same downloader as a
 * plain browser downloader), with 1, 2 and 4 spider threads. Rounds alternate the two arms; each round is
 * a spider over fresh URLs of a local server, timed from its {@code 2 × threads + 1}-th to its last page
 * in the pipeline (so the start of every browser of the pool, which happens on demand while the first pages
 * load, is left out). Prints a table: median pages/s per arm, the ratio of those medians, and the median of
 * the per-round ratios (each round's plain run over its captcha-feedback run, taken back to back, so drift
 * in machine load cancels out) with their interquartile range. The overhead ratio is plain pages/s over
 * captcha-feedback pages/s; target at most 1.05.
 *
 * <p>With {@code plain-bidi} as the fifth argument (Selenium), the plain arm's drivers open their WebDriver
 * BiDi connection too (which captcha-feedback does on attach): the ratio then shows the library's own cost,
 * without what BiDi itself costs the browser.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> io.captchafeedback.benchmarks.webmagic.WebMagicThroughputBenchmark
 * [playwright|selenium] [pages per round] [rounds] [thread counts, default 1,2,4] [plain-bidi]}.
 */
public final class WebMagicThroughputBenchmark {
    private static final String PAGE = """
            <!doctype html><html><head><title>Item %s</title></head><body>
            <h1>Item %s</h1><p>Plain content without any captcha, as most pages of a crawl.</p>
            <ul><li>price: 10</li><li>stock: 3</li></ul></body></html>""";

    private WebMagicThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String engine = args.length > 0 ? args[0] : "playwright";
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int[] threadCounts = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2, 4};
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.formatted(exchange.getRequestURI().getPath(), exchange.getRequestURI().getPath())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        ProviderEmulator emulator = ProviderEmulator.start();
        Path dir = Files.createTempDirectory("webmagic-bench");
        Path config = Files.writeString(dir.resolve("captcha-feedback.yml"), """
                providers:
                  ucaptcha:
                    key: %s
                    baseUrl: %s
                reporter:
                  outbox: %s
                """.formatted(emulator.apiKey("ucaptcha"), emulator.baseUrl("ucaptcha"), dir.resolve("outbox"))
                + DemoRules.yaml());
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        boolean plainBiDi = args.length > 4 && "plain-bidi".equals(args[4]);
        BrowserSession.Factory browsers = "selenium".equals(engine)
                ? SeleniumBrowsers.of(SeleniumChromium::start)
                : PlaywrightBrowsers.chromium(PlaywrightChromium.createOptions(), PlaywrightChromium::launch);
        BrowserSession.Factory plainBrowsers = "selenium".equals(engine) && plainBiDi
                ? SeleniumBrowsers.of(() -> {
                    ChromeDriver driver = SeleniumChromium.start();
                    driver.getBiDi();   // opened as captcha-feedback's attach opens it
                    return driver;
                })
                : browsers;
        System.out.printf("engine=%s, %d pages per round, %d rounds per arm, pages without captcha%s%n", engine, pages, rounds,
                plainBrowsers != browsers ? ", plain arm with its BiDi connection open" : "");
        System.out.printf("%-8s %-16s %-16s %-18s %-22s%n", "threads", "plain pages/s", "with cf pages/s",
                "ratio of medians", "paired ratio [IQR]");
        int round = 0;
        try {
            for (int threads : threadCounts) {
                double[] plain = new double[rounds];
                double[] withCf = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    // alternate which arm goes first, so drift in machine load hits both
                    boolean plainFirst = r % 2 == 0;
                    for (int arm = 0; arm < 2; arm++) {
                        boolean cf = (arm == 0) != plainFirst;
                        double rate = run(cf ? browsers : plainBrowsers, cf ? config : null, threads, base + "/r" + (round++) + "/", pages);
                        (cf ? withCf : plain)[r] = rate;
                    }
                }
                double p = median(plain);
                double c = median(withCf);
                double[] paired = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    paired[r] = plain[r] / withCf[r];
                }
                System.out.printf("%-8d %-16.1f %-16.1f %-18.3f %.3f [%.3f, %.3f]%n", threads, p, c, p / c, median(paired),
                        quantile(paired, 0.25), quantile(paired, 0.75));
                System.out.printf("         per round: %s%n", Arrays.toString(Arrays.stream(paired)
                        .mapToObj(x -> String.format("%.3f", x)).toArray()));
            }
        } finally {
            server.stop(0);
            emulator.close();
        }
    }

    /** One spider over {@code pages} fresh URLs, with captcha-feedback configured from {@code config} unless null; pages per second between the first and last page seen. */
    private static double run(BrowserSession.Factory browsers, Path config, int threads, String prefix, int pages) {
        CaptchaDownloader downloader = config != null
                ? CaptchaDownloader.builder(config,
                        widget -> {
                            throw new IllegalStateException("no captcha expected on the benchmark's pages");
                        }).browsers(browsers).build()
                : CaptchaDownloader.withoutCaptchaFeedback().browsers(browsers).build();
        int warmUp = Math.min(2 * threads, pages - 2); // pages done while the pool's browsers still start
        AtomicLongArray done = new AtomicLongArray(pages); // written by the spider's threads
        AtomicLong seen = new AtomicLong();
        Spider spider = Spider.create(new PageProcessor() {
            private final Site site = Site.me().setSleepTime(0).setRetryTimes(0).setTimeOut(30_000);

            @Override
            public void process(Page page) {
                // nothing to extract
            }

            @Override
            public Site getSite() {
                return site;
            }
        }).setDownloader(downloader).thread(threads).setEmptySleepTime(200).addPipeline((items, task) -> {
            long now = System.nanoTime();
            int i = (int) seen.getAndIncrement();
            if (i < pages) {
                done.set(i, now);
            }
        });
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            urls.add(prefix + i);
        }
        spider.addUrl(urls.toArray(String[]::new));
        spider.run();
        if (seen.get() != pages) {
            throw new IllegalStateException("only " + seen.get() + " of " + pages + " pages came through");
        }
        long[] sorted = new long[pages];
        for (int i = 0; i < pages; i++) {
            sorted[i] = done.get(i);
        }
        Arrays.sort(sorted);
        return (pages - 1 - warmUp) / ((sorted[pages - 1] - sorted[warmUp]) / 1e9);
    }

    /** The {@code q}-quantile, linearly interpolated between the sorted values. */
    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = (int) Math.ceil(at);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }
}
