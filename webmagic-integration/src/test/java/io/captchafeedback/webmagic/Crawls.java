package io.captchafeedback.webmagic;

import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.solve.PollingPlan;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import us.codecraft.webmagic.Page;
import us.codecraft.webmagic.Site;
import us.codecraft.webmagic.Spider;
import us.codecraft.webmagic.processor.PageProcessor;

/** Runs a two-thread WebMagic spider through a {@link CaptchaDownloader} with tokens from the emulator's uCaptcha. */
final class Crawls {

    /**
     * What the spider saw.
     *
     * @param seen each page's verdict, by the verdict's URL, as the pipeline got it
     * @param statuses each processed page's status code, by its request URL
     * @param downloader the (closed) downloader
     */
    record Crawl(Map<String, PageVerdict> seen, Map<String, Integer> statuses, CaptchaDownloader downloader) {
    }

    private Crawls() {
    }

    /**
     * Crawls {@code urls} until the spider stops (which closes the downloader).
     *
     * @param rulesYaml the rule file's text, appended to the configuration
     * @param good whether the token for a widget of a page (by the page URL providers are given) is good
     * @param acceptStatus the statuses the spider processes
     */
    static Crawl run(ProviderEmulator emulator, Path dir, String rulesYaml, BrowserSession.Factory engine,
            Map<String, Boolean> good, List<String> urls, Set<Integer> acceptStatus) throws IOException {
        Path config = Files.writeString(dir.resolve("captcha-feedback.yml"), """
                providers:
                  ucaptcha:
                    key: %s
                    baseUrl: %s
                reporter:
                  outbox: %s
                """.formatted(emulator.apiKey("ucaptcha"), emulator.baseUrl("ucaptcha"), dir.resolve("outbox")) + rulesYaml);
        Solver solver = Solver.builder(ProviderRegistry.create(CaptchaFeedbackConfig.load(config).providers()))
                .polling(PollingPlan.every(Duration.ofMillis(100))).build();
        TokenSource solverTokens = new SolverTokenSource(solver, SolvePolicy.of("ucaptcha"));
        // The emulator decides whether a token is good per task: mark it by the page it is for.
        TokenSource tokens = widget -> {
            SolvedTask task = solverTokens.solve(widget);
            if (good.getOrDefault(widget.pageUrl(), false)) {
                emulator.markGood(task.taskId());
            } else {
                emulator.markBad(task.taskId());
            }
            return task;
        };
        CaptchaDownloader downloader = CaptchaDownloader.builder(config, tokens).browsers(engine).build();

        Map<String, PageVerdict> seen = new ConcurrentHashMap<>();
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        PageProcessor processor = new PageProcessor() {
            private final Site spiderSite = Site.me().setTimeOut(10_000).setRetryTimes(0).setSleepTime(0)
                    .setAcceptStatCode(acceptStatus);

            @Override
            public void process(Page page) {
                statuses.put(page.getRequest().getUrl(), page.getStatusCode());
            }

            @Override
            public Site getSite() {
                return spiderSite;
            }
        };
        Spider spider = Spider.create(processor).setDownloader(downloader)
                .addPipeline((items, task) -> PageVerdict.of(items).ifPresent(v -> seen.put(v.url(), v)))
                .thread(2)
                .setEmptySleepTime(200);   // WebMagic's end-of-crawl wait (see CaptchaDownloader's Javadoc)
        urls.forEach(spider::addUrl);
        try {
            spider.run();   // returns when every URL is done, after closing the downloader
        } finally {
            solver.close();
        }
        return new Crawl(seen, statuses, downloader);
    }
}
