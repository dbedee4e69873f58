package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.playwright.grid.GridChromium;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.browser.Chromium;
import io.captchafeedback.testkit.browser.InProcessGrid;
import io.captchafeedback.testkit.browser.PlaywrightChromium;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Playwright attached to a Chromium session on an in-process Selenium Grid standalone (through the
 * router's {@code se:cdp} endpoint): the demo flows get the same verdicts and the provider the same
 * feedback as with a local browser.
 */
@Timeout(60)
class PlaywrightOnGridTest {
    static DemoFixture fixture;
    static InProcessGrid grid;
    static Playwright playwright;
    static GridChromium session;

    @BeforeAll
    static void startGridAndSession() {
        fixture = DemoFixture.startWithoutBrowser();
        grid = InProcessGrid.start(1);
        playwright = Playwright.create(PlaywrightChromium.createOptions());
        session = GridChromium.connect(playwright, URI.create(grid.url().toString()), Map.of(
                "browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", Chromium.binary().toString(), "args", Chromium.headlessArguments())));
    }

    @AfterAll
    static void stopAll() {
        if (session != null) {
            session.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (grid != null) {
            grid.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    static Stream<Arguments> aHandfulOfDemoFlows() {
        return Stream.of(
                Arguments.of(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.REDIRECT), true),
                Arguments.of(DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.REDIRECT), false),
                Arguments.of(DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.INLINE_ERROR), false),
                Arguments.of(DemoPage.of(DemoWidget.RECAPTCHA_V3, DemoReaction.XHR_JSON), true),
                Arguments.of(DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.XHR_JSON), false),
                Arguments.of(DemoPage.of(DemoWidget.RECAPTCHA_V2_INVISIBLE, DemoReaction.WIDGET_RESET), false),
                Arguments.of(DemoPage.of(DemoWidget.FUNCAPTCHA, DemoReaction.WRONG_PASSWORD), true));
    }

    @ParameterizedTest(name = "{0}, good token {1}")
    @MethodSource("aHandfulOfDemoFlows")
    void aFlowOnTheGridGetsTheVerdictAndTheFeedbackItGetsLocally(DemoPage demo, boolean good) throws Exception {
        assertFlow(fixture, session.context(), demo, good);
    }

    /** Runs a demo flow in a new page of {@code context} and checks its verdict and feedback. */
    static void assertFlow(DemoFixture fixture, BrowserContext context, DemoPage demo, boolean good) throws Exception {
        SolvedTask task = fixture.solve("ucaptcha", demo, good);
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback)) {
            Page page = context.newPage();
            try {
                fixture.open(page, demo);
                attachment.inject(page, task);
                DemoFixture.submit(page, demo.widget());
                Optional<TaskVerdict> verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT);

                assertThat(verdict).as("a verdict within %s", DemoFixture.VERDICT_WAIT).isPresent();
                assertThat(verdict.get().task().taskId()).isEqualTo(task.taskId());
                fixture.assertVerdictAndFeedback(verdict.get(), demo.reaction().expectedOutcome(good));
            } finally {
                page.close();
            }
        }
    }
}
