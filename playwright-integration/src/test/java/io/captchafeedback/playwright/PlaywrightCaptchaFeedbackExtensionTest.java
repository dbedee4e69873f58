package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.junit.UsePlaywright;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.junit.CaptchaFeedbackConfiguration;
import io.captchafeedback.junit.CaptchaFeedbackFactory;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.captchafeedback.testkit.browser.SystemChromiumOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class written as a user would: Playwright's {@code @UsePlaywright} gives each test its page,
 * the extension attaches to that page's context and, after each test, decides and reports the verdicts
 * of the tokens the test used. {@link #theProviderGotExactlyTheFeedbackTheTestsEarned()} then checks
 * what the provider received once every test (and its after-each work) is done.
 */
@UsePlaywright(SystemChromiumOptions.class)
@ExtendWith(PlaywrightCaptchaFeedbackExtension.class)
@CaptchaFeedbackConfiguration(factory = PlaywrightCaptchaFeedbackExtensionTest.DemoFeedback.class)
class PlaywrightCaptchaFeedbackExtensionTest {
    private static DemoFixture fixture;
    /** taskId -> whether the provider should get a positive (true) or negative (false) report, or none (absent). */
    private static final Map<String, Boolean> expected = new ConcurrentHashMap<>();
    private static final List<String> silent = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The CaptchaFeedback of this class: the demo rules, reporting to the emulator. */
    public static final class DemoFeedback implements CaptchaFeedbackFactory {
        @Override
        public CaptchaFeedback create() {
            return fixture.feedback;
        }
    }

    @BeforeAll
    static void startServers() {
        fixture = DemoFixture.startWithoutBrowser();
    }

    @AfterAll
    static void theProviderGotExactlyTheFeedbackTheTestsEarned() {
        try {
            assertThat(expected).hasSize(3);
            expected.forEach((taskId, positive) -> assertThat(fixture.emulator.feedbackFor("ucaptcha", taskId))
                    .as("feedback for task %s", taskId)
                    .singleElement().satisfies(f -> {
                        assertThat(f.positive()).isEqualTo(positive);
                        assertThat(f.recorded()).isTrue();
                    }));
            assertThat(silent).hasSize(1);
            assertThat(fixture.emulator.feedbackFor("ucaptcha", silent.get(0))).isEmpty();
        } finally {
            fixture.close();
        }
    }

    private static SolvedTask solve(DemoWidget widget, DemoReaction reaction, boolean good) {
        return fixture.solve("ucaptcha", DemoPage.of(widget, reaction), good);
    }

    @Test
    void aTokenTheSiteRefusesIsReportedNegativeAfterTheTest(Page page, Attachment captcha) {
        DemoPage demo = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.HTTP_403);
        SolvedTask task = solve(demo.widget(), demo.reaction(), false);
        fixture.open(page, demo);
        assertThat(captcha.inject(page, task).injected()).isTrue();
        page.click("#sign-in");
        expected.put(task.taskId(), false);
    }

    @Test
    void aTokenTheSiteAcceptsIsReportedPositiveAfterTheTest(Page page, Attachment captcha) {
        DemoPage demo = DemoPage.of(DemoWidget.RECAPTCHA_V2_INVISIBLE, DemoReaction.REDIRECT);
        SolvedTask task = solve(demo.widget(), demo.reaction(), true);
        fixture.open(page, demo);
        captcha.inject(page, task);   // the widget's callback submits
        expected.put(task.taskId(), true);
    }

    @Test
    void aRegisteredTokenTheTestWritesItselfIsFollowedToo(Page page, CaptchaFeedback feedback, BrowserContext context) {
        DemoPage demo = DemoPage.of(DemoWidget.HCAPTCHA, DemoReaction.XHR_JSON);
        SolvedTask task = solve(demo.widget(), demo.reaction(), false);
        feedback.register(task);
        fixture.open(page, demo);
        DemoFixture.userInjectAndSubmit(page, demo.widget(), task.token());
        assertThat(page.context()).isSameAs(context);
        expected.put(task.taskId(), false);
    }

    @Test
    void aPageThatSaysNothingEndsUnknownAndSendsNothing(Page page, Attachment captcha) {
        DemoPage demo = DemoPage.of(DemoWidget.FUNCAPTCHA, DemoReaction.SILENT);
        SolvedTask task = solve(demo.widget(), demo.reaction(), true);
        fixture.open(page, demo);
        captcha.inject(page, task);
        page.click("#sign-in");
        silent.add(task.taskId());
    }
}
