package io.captchafeedback.samples.scraping;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.CaptchaFeedbackException;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import io.captchafeedback.webmagic.CaptchaDownloader;
import io.captchafeedback.webmagic.PageVerdict;
import io.captchafeedback.webmagic.TokenSource;
import io.captchafeedback.webmagic.playwright.PlaywrightBrowsers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import us.codecraft.webmagic.Page;
import us.codecraft.webmagic.Site;
import us.codecraft.webmagic.Spider;
import us.codecraft.webmagic.processor.PageProcessor;

/**
 * A scraping run over a list of URLs, as a thin WebMagic spider: the {@link CaptchaDownloader} loads each
 * page in headless Chromium (Playwright), finds the captcha, gets a token from a {@link TokenSource},
 * injects it, submits and lets the outcome rules decide the verdict (which also sends the feedback to the
 * provider); a pipeline collects each page's {@link PageVerdict}. Prints one line per URL, in the order
 * given, and a summary.
 *
 * <!-- java: not compiled (shell) -->
 * <pre>{@code
 * java ... ScrapingLoop --config captcha-feedback.yml --rules rules/redirect.yml --rules rules/inline-error.yml \
 *     --urls urls.txt --threads 2
 * }</pre>
 *
 * <p>Arguments: {@code --config FILE} (providers; the first one solves and receives the feedback unless
 * {@code --provider ID} names another), {@code --rules FILE} (repeatable; without it the configuration's
 * {@code rules} section is used), {@code --urls FILE} (one URL per line; blank lines and {@code #}
 * comments are skipped) and/or URLs as plain arguments, {@code --submit CSS} (the submit button, default
 * {@value #DEFAULT_SUBMIT}), {@code --widget-wait DURATION} (how long a page may take to show its captcha,
 * default 5s), {@code --threads N} (spider threads, one browser each; default 1). Exit code 0 when every
 * URL got a verdict, 1 when some could not be processed, 2 for bad arguments or configuration.
 */
public final class ScrapingLoop {
    static final String DEFAULT_SUBMIT = "button[type=submit]";
    static final Duration DEFAULT_WIDGET_WAIT = Duration.ofSeconds(5);

    /**
     * What became of one URL: its verdict, or the error that stopped it ({@code outcome} is then {@code null}).
     */
    public record Result(String url, Outcome outcome, String taskKey, String rule, String error) {

        static Result of(String url, PageVerdict verdict, Duration widgetWait) {
            if (verdict == null) {
                return new Result(url, null, null, null, "not downloaded");
            }
            if (!verdict.captcha()) {
                return new Result(url, null, null, null, "no captcha widget found within " + widgetWait.toMillis() + " ms");
            }
            return new Result(url, verdict.outcome(), verdict.taskKey(), verdict.rule(), verdict.error());
        }

        /** One line: {@code OUTCOME url task=provider/id rule=name}, or {@code ERROR url problem}. */
        public String line() {
            return outcome == null
                    ? String.format("%-16s %s %s", "ERROR", url, error)
                    : String.format("%-16s %s task=%s rule=%s", outcome, url, taskKey, rule);
        }
    }

    private ScrapingLoop() {
    }

    /** Runs the loop and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the loop with command-line arguments; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        TokenSource tokens;
        CaptchaFeedback feedback;
        List<String> urls;
        try {
            arguments = Arguments.parse(args);
            CaptchaFeedbackConfig config = CaptchaFeedbackConfig.load(arguments.config);
            ProviderSettings provider = arguments.provider == null
                    ? config.providers().stream().findFirst().orElseThrow(
                            () -> new IllegalArgumentException(arguments.config + ": no provider configured"))
                    : config.provider(arguments.provider).orElseThrow(
                            () -> new IllegalArgumentException("no provider '" + arguments.provider + "' in " + arguments.config));
            tokens = new CreateTaskTokenSource(provider, Duration.ofMinutes(2));   // plug your solving client in here
            urls = arguments.urls();
            CaptchaFeedback.Builder builder = CaptchaFeedback.builder().config(config);
            if (!arguments.rules.isEmpty()) {
                builder.rules(loadRules(arguments.rules));   // else the configuration's own rules section
            }
            feedback = builder.build();   // last: it opens the reporter's outbox
        } catch (IllegalArgumentException | CaptchaFeedbackException | UncheckedIOException e) {
            // Configuration and rule errors name the file, line and column: print them as they are.
            err.println(e.getMessage());
            err.println(Arguments.USAGE);
            return 2;
        }

        // Replace PlaywrightChromium with your own launch; it starts the system's headless Chromium.
        CaptchaDownloader downloader = CaptchaDownloader.builder(feedback, tokens)
                .browsers(PlaywrightBrowsers.chromium(PlaywrightChromium.createOptions(), PlaywrightChromium::launch))
                .submit(arguments.submit)
                .widgetWait(arguments.widgetWait)
                .build();
        Map<String, PageVerdict> verdicts = new ConcurrentHashMap<>();
        Spider spider = Spider.create(new VisitOnly()).setDownloader(downloader)
                .addPipeline((items, task) -> PageVerdict.of(items).ifPresent(v -> verdicts.put(v.url(), v)))
                .thread(arguments.threads)
                .setEmptySleepTime(1000);   // else run() may idle 30 s at the end (see CaptchaDownloader)
        urls.forEach(spider::addUrl);
        spider.run();   // closes the downloader when done: browsers closed, feedback delivered

        List<Result> results = urls.stream().map(url -> Result.of(url, verdicts.get(url), arguments.widgetWait)).toList();
        results.forEach(r -> out.println(r.line()));
        out.println(summary(results));
        return results.stream().anyMatch(r -> r.outcome() == null) ? 1 : 0;
    }

    /** Follows no links: the spider visits the given URLs only. */
    private static final class VisitOnly implements PageProcessor {
        // every status: the downloader hands the page's real one (a refused login may be a 403), and the loop
        // prints a verdict for each URL whatever its status
        private final Site site = Site.me().setRetryTimes(0).setSleepTime(0).setTimeOut(30_000)
                .setAcceptStatCode(IntStream.range(100, 600).boxed().collect(Collectors.toSet()));

        @Override
        public void process(Page page) {
            // a real crawler extracts data here; the verdict is already in the page's fields
        }

        @Override
        public Site getSite() {
            return site;
        }
    }

    /** Reads several rule files into one set of rules; the first matching rule set wins, in file order. */
    static Rules loadRules(List<Path> files) {
        List<RuleSet> sets = new ArrayList<>();
        for (Path file : files) {
            sets.addAll(RuleFiles.load(file).sets());
        }
        return Rules.of(sets);
    }

    static String summary(List<Result> results) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        int errors = 0;
        for (Result r : results) {
            if (r.outcome() == null) {
                errors++;
            } else {
                counts.merge(r.outcome(), 1, Integer::sum);
            }
        }
        StringBuilder line = new StringBuilder(results.size() + " URLs:");
        for (Outcome outcome : Outcome.values()) {
            line.append(' ').append(outcome).append('=').append(counts.getOrDefault(outcome, 0));
        }
        return line.append(" ERROR=").append(errors).toString();
    }

    /** The parsed command line. */
    private static final class Arguments {
        static final String USAGE = "usage: ScrapingLoop --config FILE [--rules FILE]... [--provider ID] [--submit CSS]"
                + " [--widget-wait DURATION] [--threads N] [--urls FILE] [URL]...";

        Path config;
        final List<Path> rules = new ArrayList<>();
        String provider;
        String submit = DEFAULT_SUBMIT;
        Duration widgetWait = DEFAULT_WIDGET_WAIT;
        int threads = 1;
        Path urlFile;
        final List<String> urlArgs = new ArrayList<>();

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    a.urlArgs.add(arg);
                    continue;
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--config" -> a.config = Path.of(value);
                    case "--rules" -> a.rules.add(Path.of(value));
                    case "--provider" -> a.provider = value;
                    case "--submit" -> a.submit = value;
                    case "--urls" -> a.urlFile = Path.of(value);
                    case "--threads" -> {
                        try {
                            a.threads = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            a.threads = 0;
                        }
                        if (a.threads < 1) {
                            throw new IllegalArgumentException("--threads: expected a positive number, got '" + value + "'");
                        }
                    }
                    case "--widget-wait" -> {
                        a.widgetWait = ConfigNode.parseDuration(value);
                        if (a.widgetWait == null || a.widgetWait.isNegative() || a.widgetWait.isZero()) {
                            throw new IllegalArgumentException("--widget-wait: expected a duration such as 5s or 500ms, got '" + value + "'");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (a.config == null) {
                throw new IllegalArgumentException("--config is required");
            }
            return a;
        }

        List<String> urls() {
            List<String> urls = new ArrayList<>();
            if (urlFile != null) {
                try {
                    for (String line : Files.readAllLines(urlFile)) {
                        String url = line.strip();
                        if (!url.isEmpty() && !url.startsWith("#")) {
                            urls.add(url);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + urlFile + ": " + e.getMessage());
                }
            }
            urls.addAll(urlArgs);
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("no URLs: give --urls FILE or URLs as arguments");
            }
            return urls;
        }
    }
}
