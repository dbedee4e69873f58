package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The shared fixture of this module's browser tests: the provider emulator, the demo site, one headless
 * system Chromium under Playwright, and a {@link CaptchaFeedback} with the demo rules reporting to the
 * emulator through a durable outbox under {@code target/}.
 */
final class DemoFixture implements AutoCloseable {
    static final Duration SLOW = Duration.ofMillis(300);
    static final Duration VERDICT_WAIT = Duration.ofSeconds(10);
    static final List<String> PROVIDERS = List.of("ucaptcha", "regotcha", "anticaptcha");

    final ProviderEmulator emulator;
    final DemoSite site;
    final Playwright playwright;
    final Browser browser;
    final ProviderRegistry registry;
    final FeedbackReporter reporter;
    final CaptchaFeedback feedback;

    private DemoFixture(boolean withBrowser) {
        emulator = ProviderEmulator.start();
        site = DemoSite.builder(emulator).slowDelay(SLOW).start();
        playwright = withBrowser ? Playwright.create(PlaywrightChromium.createOptions()) : null;
        browser = withBrowser ? PlaywrightChromium.launch(playwright) : null;
        registry = ProviderRegistry.create(PROVIDERS.stream()
                .map(id -> new ProviderSettings(id, id, ApiKey.of(emulator.apiKey(id)), emulator.baseUri(id), null, Map.of()))
                .toList());
        reporter = FeedbackReporter.builder()
                .registry(registry)
                .outbox(Path.of("target", "outbox-" + UUID.randomUUID()))
                .groupCommit(Duration.ofMillis(2))
                .build();
        feedback = CaptchaFeedback.builder().rules(DemoRules.rules()).reporter(reporter).build();
    }

    static DemoFixture start() {
        return new DemoFixture(true);
    }

    /** The servers and the {@link CaptchaFeedback} only, for tests whose browser Playwright's JUnit extension starts. */
    static DemoFixture startWithoutBrowser() {
        return new DemoFixture(false);
    }

    BrowserContext newContext() {
        return browser.newContext();
    }

    /** A token for the page's widget from the provider, good or (marked) bad. */
    SolvedTask solve(String provider, DemoPage page, boolean good) {
        SolvedTask task = emulator.solve(provider, page.widget().captchaType(), site.url(page), page.widget().siteKey());
        if (!good) {
            emulator.markBad(task.taskId());
        }
        return task;
    }

    /** Opens a demo page and waits until its widget stand-in is ready. */
    void open(Page page, DemoPage demo) {
        page.navigate(site.url(demo));
        waitUntilReady(page, demo.widget());
    }

    /** Waits for the widget stand-in (polling on a timer: animation frames are throttled in background pages). */
    static void waitUntilReady(Page page, DemoWidget widget) {
        page.waitForFunction("() => " + widget.readyExpression(), null, new Page.WaitForFunctionOptions().setTimeout(10_000).setPollingInterval(10));
    }

    /**
     * What a user's own test does without the library's injection: writes the token with
     * {@code page.evaluate} the way the widget would and submits.
     */
    static void userInjectAndSubmit(Page page, DemoWidget widget, String token) {
        String script = switch (widget) {
            case RECAPTCHA_V2 -> """
                    token => { const f = document.querySelector('textarea[name=g-recaptcha-response]');
                      f.value = token; f.dispatchEvent(new Event('input', { bubbles: true }));
                      window[document.querySelector('.g-recaptcha').dataset.callback](token); }""";
            case RECAPTCHA_V2_INVISIBLE -> """
                    token => { const f = document.querySelector('textarea[name=g-recaptcha-response]');
                      f.value = token; f.dispatchEvent(new Event('input', { bubbles: true }));
                      const cb = document.querySelector('.g-recaptcha').dataset.callback;
                      setTimeout(() => window[cb](token), 0); }""";
            case RECAPTCHA_V3 -> "token => { grecaptcha.execute = () => Promise.resolve(token); }";
            case HCAPTCHA -> """
                    token => { document.querySelectorAll('textarea[name=h-captcha-response], textarea[name=g-recaptcha-response]')
                        .forEach(f => { f.value = token; f.dispatchEvent(new Event('change', { bubbles: true })); });
                      window[document.querySelector('.h-captcha').dataset.callback](token); }""";
            case TURNSTILE -> """
                    token => { const f = document.querySelector('input[name=cf-turnstile-response]');
                      f.value = token; f.dispatchEvent(new Event('change', { bubbles: true }));
                      window[document.querySelector('.cf-turnstile').dataset.callback](token); }""";
            case FUNCAPTCHA -> """
                    token => { document.getElementById('FunCaptcha-Token').value = token;
                      document.getElementById('verification-token').value = token;
                      window[document.getElementById('FunCaptcha').dataset.callback](token); }""";
        };
        page.evaluate(script, token);
        submit(page, widget);
    }

    /** Submits the sign-in form the way the page expects (the invisible widget's callback submits by itself). */
    static void submit(Page page, DemoWidget widget) {
        if (widget != DemoWidget.RECAPTCHA_V2_INVISIBLE) {
            page.click("#sign-in");
        }
    }

    /**
     * Checks the verdict's outcome and that the provider got exactly the feedback it should: none for
     * REJECTED_OTHER and UNKNOWN, a negative one for REJECTED_CAPTCHA, a positive one for ACCEPTED when
     * the provider takes positive reports for this captcha type.
     */
    void assertVerdictAndFeedback(TaskVerdict verdict, Outcome expected) throws Exception {
        SolvedTask task = verdict.task();
        assertThat(verdict.verdict().outcome()).as("verdict for %s, evidence %s", task.pageUrl(), verdict.verdict().evidence())
                .isEqualTo(expected);
        DeliveryStatus status = verdict.report().result().get(10, TimeUnit.SECONDS);
        List<ReceivedFeedback> received = emulator.feedbackFor(task.providerId(), task.taskId());
        boolean sends = switch (expected) {
            case REJECTED_CAPTCHA -> true;
            case ACCEPTED -> registry.adapter(task.providerId()).orElseThrow().capabilities().supports(task.type(), true);
            default -> false;
        };
        if (sends) {
            assertThat(status.isDelivered()).as("delivery status %s", status).isTrue();
            assertThat(received).singleElement().satisfies(f -> {
                assertThat(f.recorded()).isTrue();
                assertThat(f.positive()).isEqualTo(expected == Outcome.ACCEPTED);
            });
        } else {
            assertThat(received).as("feedback for a %s verdict", expected).isEmpty();
        }
    }

    @Override
    public void close() {
        feedback.close();
        reporter.close();
        registry.close();
        if (browser != null) {
            browser.close();
            playwright.close();
        }
        site.close();
        emulator.close();
    }
}
