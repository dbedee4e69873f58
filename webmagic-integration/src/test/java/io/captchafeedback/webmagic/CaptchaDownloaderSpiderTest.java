package io.captchafeedback.webmagic;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.CaptchaFeedbackConfig;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.solve.PollingPlan;
import io.captchafeedback.solve.SolvePolicy;
import io.captchafeedback.solve.Solver;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.captchafeedback.testkit.TestkitExtension;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import io.captchafeedback.webmagic.playwright.PlaywrightBrowsers;
import io.captchafeedback.webmagic.selenium.SeleniumBrowsers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A WebMagic spider with two threads over demo-site pages (every reaction with a verdict, good and bad
 * tokens, and a page without captcha), on each engine: every page's verdict reaches the pipeline, the
 * provider receives exactly the feedback due, and a stopped spider leaves no browser open and nothing
 * undelivered.
 */
@ExtendWith(TestkitExtension.class)
class CaptchaDownloaderSpiderTest {
    /** Each page with whether its token is good. */
    static final Map<DemoPage, Boolean> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.REDIRECT), true);
        PAGES.put(DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.REDIRECT), false);
        PAGES.put(DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.INLINE_ERROR), true);
        PAGES.put(DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.INLINE_ERROR), false);
        PAGES.put(DemoPage.of(DemoWidget.RECAPTCHA_V3, DemoReaction.XHR_JSON), true);
        PAGES.put(DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.XHR_JSON), false);
        PAGES.put(DemoPage.of(DemoWidget.RECAPTCHA_V2_INVISIBLE, DemoReaction.WIDGET_RESET), false);
        PAGES.put(DemoPage.of(DemoWidget.FUNCAPTCHA, DemoReaction.WRONG_PASSWORD), true);
        PAGES.put(DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.SILENT), false);
    }

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aSeleniumSpiderGetsEveryVerdictRightAndSendsExactlyTheDueFeedback(ProviderEmulator emulator, DemoSite site)
            throws IOException {
        List<ChromeDriver> drivers = new CopyOnWriteArrayList<>();
        Crawls.Crawl crawl = crawl(emulator, site, SeleniumBrowsers.of(() -> {
            ChromeDriver driver = SeleniumChromium.start();
            drivers.add(driver);
            return driver;
        }));

        assertVerdictsAndFeedback(crawl, emulator, site);
        assertThat(drivers).hasSizeBetween(1, 2).allSatisfy(d -> assertThat(d.getSessionId()).as("quit").isNull());
    }

    @Test
    @Timeout(120)
    void aPlaywrightSpiderGetsEveryVerdictRightAndSendsExactlyTheDueFeedback(ProviderEmulator emulator, DemoSite site)
            throws IOException {
        List<Browser> browsers = new CopyOnWriteArrayList<>();
        Crawls.Crawl crawl = crawl(emulator, site, PlaywrightBrowsers.chromium(PlaywrightChromium.createOptions(), pw -> {
            Browser browser = PlaywrightChromium.launch(pw);
            browsers.add(browser);
            return browser;
        }));

        assertVerdictsAndFeedback(crawl, emulator, site);
        assertThat(browsers).hasSizeBetween(1, 2).allSatisfy(b -> assertThat(b.isConnected()).as("connected").isFalse());
    }

    /** Runs a two-thread spider over the pages (and the site's index, which has no captcha) until it stops. */
    private Crawls.Crawl crawl(ProviderEmulator emulator, DemoSite site, BrowserSession.Factory engine) throws IOException {
        Map<String, Boolean> good = new LinkedHashMap<>();
        PAGES.forEach((page, isGood) -> good.put(site.url(page), isGood));
        List<String> urls = new ArrayList<>();
        urls.add(site.url("/"));
        urls.addAll(good.keySet());
        return Crawls.run(emulator, dir, DemoRules.yaml(), engine, good, urls, Set.of(200));
    }

    private static void assertVerdictsAndFeedback(Crawls.Crawl crawl, ProviderEmulator emulator, DemoSite site) {
        assertThat(crawl.downloader().openBrowsers()).isZero();
        assertThat(crawl.seen()).hasSize(PAGES.size() + 1);
        assertThat(crawl.seen().get(site.url("/"))).satisfies(v -> {
            assertThat(v.captcha()).isFalse();
            assertThat(v.outcomeName()).isEqualTo("NO_CAPTCHA");
        });
        int due = 0;
        for (Map.Entry<DemoPage, Boolean> entry : PAGES.entrySet()) {
            DemoPage page = entry.getKey();
            Outcome expected = page.reaction().expectedOutcome(entry.getValue());
            PageVerdict verdict = crawl.seen().get(site.url(page));
            assertThat(verdict).as("verdict for %s", page).isNotNull();
            assertThat(verdict.error()).as("error for %s", page).isNull();
            assertThat(verdict.outcome()).as("outcome for %s (good token: %s)", page, entry.getValue()).isEqualTo(expected);
            assertThat(verdict.captchaRejected()).isEqualTo(expected == Outcome.REJECTED_CAPTCHA);
            assertThat(verdict.taskKey()).startsWith("ucaptcha/");
            String taskId = verdict.taskKey().substring("ucaptcha/".length());
            // Read right after the spider stopped: closing it drained the reporter.
            List<ReceivedFeedback> received = emulator.feedbackFor("ucaptcha", taskId);
            if (expected == Outcome.ACCEPTED || expected == Outcome.REJECTED_CAPTCHA) {
                due++;
                assertThat(received).as("feedback for %s", page).singleElement()
                        .satisfies(f -> assertThat(f.positive()).isEqualTo(expected == Outcome.ACCEPTED));
            } else {
                assertThat(received).as("feedback for %s", page).isEmpty();
            }
        }
        assertThat(emulator.feedback()).hasSize(due);
    }
}
