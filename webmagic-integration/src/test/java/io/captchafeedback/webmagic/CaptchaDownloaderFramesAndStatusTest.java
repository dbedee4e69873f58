package io.captchafeedback.webmagic;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoRules;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.site.EngineFlows;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.captchafeedback.testkit.RecordingSite;
import io.captchafeedback.testkit.TestkitExtension;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import io.captchafeedback.testkit.browser.SeleniumChromium;
import io.captchafeedback.webmagic.playwright.PlaywrightBrowsers;
import io.captchafeedback.webmagic.selenium.SeleniumBrowsers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The downloader finds a widget inside a child frame (same- and cross-origin) and hands WebMagic the real
 * HTTP status of the document it shows (403 for a refused page, with or without a captcha), on each engine.
 */
@ExtendWith(TestkitExtension.class)
class CaptchaDownloaderFramesAndStatusTest {

    @TempDir
    Path dir;

    static Stream<Arguments> engines() {
        Supplier<BrowserSession.Factory> selenium = () -> SeleniumBrowsers.of(SeleniumChromium::start);
        Supplier<BrowserSession.Factory> playwright = () -> PlaywrightBrowsers.chromium(PlaywrightChromium.createOptions(),
                PlaywrightChromium::launch);
        return Stream.of(Arguments.of("selenium", selenium), Arguments.of("playwright", playwright));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    @Timeout(120)
    void aWidgetInASameOrCrossOriginFrameIsFoundDecidedAndReported(String engine, Supplier<BrowserSession.Factory> browsers,
            ProviderEmulator emulator, DemoSite site) throws IOException {
        Map<String, EngineFlows.Flow> flows = new LinkedHashMap<>();
        try (DemoSite otherOrigin = DemoSite.start(emulator)) {
            for (EngineFlows.Flow flow : EngineFlows.table()) {
                if (flow.frame() != EngineFlows.Frame.TOP) {
                    // one URL per run: the token's quality is chosen by the page it is for
                    flows.put(flow.url(site, otherOrigin) + "&run=" + (flow.good() ? "good" : "bad"), flow);
                }
            }
            Map<String, Boolean> good = new LinkedHashMap<>();
            flows.forEach((url, flow) -> good.put(url, flow.good()));

            Crawls.Crawl crawl = Crawls.run(emulator, dir, EngineFlows.yaml(), browsers.get(), good, List.copyOf(flows.keySet()),
                    Set.of(200));

            assertThat(crawl.downloader().openBrowsers()).isZero();
            assertThat(crawl.seen()).hasSize(flows.size());
            flows.forEach((url, flow) -> {
                PageVerdict verdict = crawl.seen().get(url);
                assertThat(verdict).as("verdict for %s", flow).isNotNull();
                assertThat(verdict.captcha()).as("captcha found in the frame: %s", flow).isTrue();
                assertThat(verdict.error()).as("error for %s", flow).isNull();
                assertThat(verdict.outcome()).as("outcome for %s", flow).isEqualTo(flow.expected());
                List<ReceivedFeedback> received = emulator.feedbackFor("ucaptcha", verdict.taskKey().substring("ucaptcha/".length()));
                assertThat(received).as("feedback for %s", flow).singleElement()
                        .satisfies(f -> assertThat(f.positive()).isEqualTo(flow.expected() == Outcome.ACCEPTED));
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    @Timeout(120)
    void theSpiderGetsTheRealStatusOfThePageShown(String engine, Supplier<BrowserSession.Factory> browsers,
            ProviderEmulator emulator, DemoSite site) throws IOException {
        try (RecordingSite other = RecordingSite.start()) {
            String forbidden = other.url("/forbidden");
            String refused = site.url(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.HTTP_403));
            String index = site.url("/");

            Crawls.Crawl crawl = Crawls.run(emulator, dir, DemoRules.yaml(), browsers.get(), Map.of(refused, false),
                    List.of(forbidden, refused, index), Set.of(200, 403));

            assertThat(crawl.statuses()).as("status by URL").containsEntry(forbidden, 403).containsEntry(refused, 403)
                    .containsEntry(index, 200);
            assertThat(crawl.seen().get(forbidden).captcha()).isFalse();
            assertThat(crawl.seen().get(refused).outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        }
    }
}
