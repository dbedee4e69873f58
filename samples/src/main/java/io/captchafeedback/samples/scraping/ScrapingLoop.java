package io.captchafeedback.samples.scraping;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.CaptchaFeedbackException;
import io.captchafeedback.CaptchaType;
import io.captchafeedback.Outcome;
import io.captchafeedback.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.config.CaptchaFeedbackConfig;
import io.captchafeedback.config.ConfigNode;
import io.captchafeedback.playwright.Attachment;
import io.captchafeedback.playwright.PlaywrightCaptchaFeedback;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scraping loop over a list of URLs: for each page, find the captcha, get a token from a
 * {@link TokenSource}, inject it, submit, await the site's verdict (decided by the outcome rules, which
 * also send the feedback to the provider) and move on. Prints one line per URL and a summary.
 *
 * <pre>{@code
 * java ... ScrapingLoop --config captcha-feedback.yml --rules rules/redirect.yml --rules rules/inline-error.yml \
 *     --urls urls.txt
 * }</pre>
 *
 * <p>Arguments: {@code --config FILE} (providers; the first one solves and receives the feedback unless
 * {@code --provider ID} names another), {@code --rules FILE} (repeatable; without it the configuration's
 * {@code rules} section is used), {@code --urls FILE} (one URL per line; blank lines and {@code #}
 * comments are skipped) and/or URLs as plain arguments, {@code --submit CSS} (the submit button, default
 * {@value #DEFAULT_SUBMIT}), {@code --widget-wait DURATION} (how long a page may take to show its captcha,
 * default 5s). Exit code 0 when every URL got a verdict, 1 when some could not be
 * processed, 2 for bad arguments or configuration.
 *
 * <p>One browser, one context, one page: Playwright objects belong to the thread that
 * created them, so the loop is single-threaded by design.
 */
public final class ScrapingLoop {
    static final String DEFAULT_SUBMIT = "button[type=submit]";
    /** Longer than the longest rule timeout: a rule set that never matches still ends UNKNOWN before this. */
    private static final Duration VERDICT_WAIT = Duration.ofSeconds(15);
    static final Duration DEFAULT_WIDGET_WAIT = Duration.ofSeconds(5);

    /**
     * Finds the captcha widget on the page once it is ready to take a token (its response field is
     * there, or for reCAPTCHA v3 {@code grecaptcha.execute}), and reads its site key.
     */
    private static final String FIND_WIDGET = """
            () => {
              const $ = selector => document.querySelector(selector);
              const v3 = [...document.scripts].map(s => s.src)
                  .find(src => /recaptcha\\/(api|enterprise)\\.js\\?(.*&)?render=(?!explicit)/.test(src));
              if (v3) {
                return window.grecaptcha && grecaptcha.execute
                    ? { type: 'RECAPTCHA_V3', siteKey: new URL(v3).searchParams.get('render') } : null;
              }
              const recaptcha = $('.g-recaptcha[data-sitekey]');
              if (recaptcha && $('textarea[name=g-recaptcha-response]')) {
                return { type: recaptcha.dataset.size === 'invisible' ? 'RECAPTCHA_V2_INVISIBLE' : 'RECAPTCHA_V2',
                         siteKey: recaptcha.dataset.sitekey };
              }
              const hcaptcha = $('.h-captcha[data-sitekey]');
              if (hcaptcha && $('textarea[name=h-captcha-response]')) return { type: 'HCAPTCHA', siteKey: hcaptcha.dataset.sitekey };
              const turnstile = $('.cf-turnstile[data-sitekey]');
              if (turnstile && $('input[name=cf-turnstile-response]')) return { type: 'TURNSTILE', siteKey: turnstile.dataset.sitekey };
              const funcaptcha = $('[data-pkey]');
              if (funcaptcha && $('#FunCaptcha-Token')) return { type: 'FUNCAPTCHA', siteKey: funcaptcha.dataset.pkey };
              return null;
            }""";

    /**
     * What became of one URL: its verdict and what the provider answered to the feedback, or the
     * error that stopped it ({@code outcome} is then {@code null}).
     */
    public record Result(String url, Outcome outcome, String taskKey, String rule, DeliveryStatus report, String error) {

        static Result failed(String url, String error) {
            return new Result(url, null, null, null, null, error);
        }

        /** One line: {@code OUTCOME url task=provider/id rule=name report=STATUS}, or {@code ERROR url problem}. */
        public String line() {
            return outcome == null
                    ? String.format("%-16s %s %s", "ERROR", url, error)
                    : String.format("%-16s %s task=%s rule=%s report=%s", outcome, url, taskKey, rule, report);
        }
    }

    private final Attachment attachment;
    private final Page page;
    private final TokenSource tokens;
    private final String submit;
    private final Duration widgetWait;

    ScrapingLoop(Page page, Attachment attachment, TokenSource tokens, String submit, Duration widgetWait) {
        this.page = page;
        this.attachment = attachment;
        this.tokens = tokens;
        this.submit = submit;
        this.widgetWait = widgetWait;
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

        List<Result> results = new ArrayList<>();
        // Replace PlaywrightChromium with your own launch; it starts the system's headless Chromium.
        try (feedback;
                Playwright playwright = Playwright.create(PlaywrightChromium.createOptions());
                Browser browser = PlaywrightChromium.launch(playwright);
                BrowserContext context = browser.newContext();
                Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            ScrapingLoop loop = new ScrapingLoop(context.newPage(), attachment, tokens, arguments.submit,
                    arguments.widgetWait);
            for (String url : urls) {
                Result result = loop.visit(url);
                results.add(result);
                out.println(result.line());
            }
        }
        out.println(summary(results));
        return results.stream().anyMatch(r -> r.outcome() == null) ? 1 : 0;
    }

    /**
     * Visits one URL in the loop's page (each verdict is awaited before the next navigation, so one page
     * serves every URL). Never throws: failures become an error line.
     */
    Result visit(String url) {
        try {
            page.navigate(url);
            TokenSource.Challenge challenge = findChallenge();
            if (challenge == null) {
                return Result.failed(url, "no captcha widget found within " + widgetWait.toMillis() + " ms");
            }
            SolvedTask task = tokens.solve(challenge);
            attachment.inject(page, task);             // throws when neither a field nor a callback was found
            if (challenge.type() != CaptchaType.RECAPTCHA_V2_INVISIBLE) {
                page.click(submit);                     // the invisible widget's callback submits by itself
            }
            TaskVerdict verdict = attachment.awaitVerdict(VERDICT_WAIT).orElse(null);
            if (verdict == null) {
                return Result.failed(url, "no verdict within " + VERDICT_WAIT.toSeconds() + " s (task " + task.key() + ")");
            }
            // The reporter delivers in the background; waiting here only makes the line say what happened.
            DeliveryStatus report = verdict.report().result().get(10, TimeUnit.SECONDS);
            return new Result(url, verdict.verdict().outcome(), task.key(), verdict.verdict().evidence().rule(), report, null);
        } catch (IOException | PlaywrightException | CaptchaFeedbackException | ExecutionException | TimeoutException e) {
            return Result.failed(url, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(url, "interrupted");
        }
    }

    private TokenSource.Challenge findChallenge() {
        try {
            Object found = page.waitForFunction(FIND_WIDGET, null, new Page.WaitForFunctionOptions()
                    .setTimeout(widgetWait.toMillis()).setPollingInterval(50)).jsonValue();
            Map<?, ?> widget = (Map<?, ?>) found;
            return new TokenSource.Challenge(CaptchaType.valueOf((String) widget.get("type")), page.url(),
                    (String) widget.get("siteKey"));
        } catch (com.microsoft.playwright.TimeoutError e) {
            return null;
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The parsed command line. */
    private static final class Arguments {
        static final String USAGE = "usage: ScrapingLoop --config FILE [--rules FILE]... [--provider ID] [--submit CSS]"
                + " [--widget-wait DURATION] [--urls FILE] [URL]...";

        Path config;
        final List<Path> rules = new ArrayList<>();
        String provider;
        String submit = DEFAULT_SUBMIT;
        Duration widgetWait = DEFAULT_WIDGET_WAIT;
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
