package io.captchafeedback.benchmarks.playwright;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.rule.RuleSet;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.rule.Settle;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * What deciding on a settled page costs in detection latency (docs/rules.md, "Decisions are taken on a
 * settled page"): the demo rules with the default settle window and with settling off, on three outcomes
 * of a Turnstile page, with the headless system Chromium under Playwright. Run on demand:
 * <pre>{@code
 * java -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" \
 *     io.captchafeedback.benchmarks.playwright.SettleLatencyBenchmark [iterations]
 * }</pre>
 * <ol>
 * <li>{@code .success} appears: the first rule of its set holds, nothing can beat it, no wait;</li>
 * <li>{@code turnstile.reset()}: only a page rule comes before the reset rule, and the probe that follows
 *     the reset shows the page after it: no wait beyond that probe;</li>
 * <li>the XHR answers {@code success: false} (a bad token): a response rule comes before the winner, so the
 *     detection waits for the quiet time (100 ms) — the full cost of the window.</li>
 * </ol>
 */
public final class SettleLatencyBenchmark {

    private SettleLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        try (ProviderEmulator emulator = ProviderEmulator.start();
                DemoSite site = DemoSite.start(emulator);
                ProviderRegistry registry = ProviderRegistry.create(List.of(new ProviderSettings("ucaptcha", "ucaptcha",
                        ApiKey.of(emulator.apiKey("ucaptcha")), emulator.baseUri("ucaptcha"), null, Map.of())));
                FeedbackReporter reporter = FeedbackReporter.builder().registry(registry)
                        .outbox(Files.createTempDirectory("cf-bench-outbox")).build();
                Playwright playwright = Playwright.create(PlaywrightChromium.createOptions());
                Browser browser = PlaywrightChromium.launch(playwright)) {
            for (Settle settle : List.of(Settle.NONE, Settle.DEFAULT)) {
                Rules rules = Rules.of(DemoRules.rules().sets().stream().map(s -> new RuleSet(s.name(), s.site(), s.path(),
                        s.includes(), s.timeout(), s.allowScripts(), s.rules(), settle)).toList());
                try (CaptchaFeedback feedback = CaptchaFeedback.builder().rules(rules).reporter(reporter).build()) {
                    String label = settle.equals(Settle.NONE) ? "settle off" : "settle 100/250 ms";
                    PlaywrightBenchmark.latency(browser, site, emulator, feedback, label + ", .success appears", DemoReaction.SILENT,
                            "() => { const d = document.createElement('div'); d.className = 'success'; d.textContent = 'Signed in';"
                                    + " document.getElementById('messages').appendChild(d); }", iterations, true);
                    PlaywrightBenchmark.latency(browser, site, emulator, feedback, label + ", turnstile.reset()",
                            DemoReaction.WIDGET_RESET, "() => { turnstile.reset(); }", iterations, true);
                    PlaywrightBenchmark.latency(browser, site, emulator, feedback, label + ", XHR refuses a bad token",
                            DemoReaction.XHR_JSON, "() => { submitForm(); }", iterations, false);
                }
            }
        }
    }
}
