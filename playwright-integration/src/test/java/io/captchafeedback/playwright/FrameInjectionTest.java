package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.PendingVerdict;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.inject.InjectionException;
import io.captchafeedback.testkit.site.EngineFlows;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Injecting into a given frame (a {@code Frame} or a {@code FrameLocator}), and what happens when nothing takes the token. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FrameInjectionTest extends EngineFlowsFixtureTest {
    private FrameLocator openFramed(Page page, EngineFlows.Flow flow) {
        page.navigate(flow.url(fixture.site, otherOrigin));
        FrameLocator frame = page.frameLocator("#login-frame");
        frame.locator(EngineFlows.WIDGET.renderedSelector())
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(10_000));
        return frame;
    }

    private static EngineFlows.Flow crossOrigin(boolean good) {
        return EngineFlows.table().stream()
                .filter(f -> f.frame() == EngineFlows.Frame.CROSS_ORIGIN && f.good() == good).findFirst().orElseThrow();
    }

    @Test
    void aFrameLocatorTakesTheTokenInACrossOriginFrameAndTheVerdictFollows() {
        EngineFlows.Flow flow = crossOrigin(true);
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            FrameLocator frame = openFramed(page, flow);

            assertThat(attachment.inject(frame, flow.solve(fixture.emulator, fixture.site)).injected()).isTrue();

            TaskVerdict verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT).orElseThrow();
            assertThat(verdict.verdict().outcome()).isEqualTo(Outcome.ACCEPTED);
        }
    }

    @Test
    void aFrameTakesTheTokenAndARejectionInsideItIsSeen() {
        EngineFlows.Flow flow = crossOrigin(false);
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            openFramed(page, flow);
            com.microsoft.playwright.Frame child = page.frames().stream().filter(f -> f != page.mainFrame()).findFirst().orElseThrow();

            attachment.inject(child, flow.solve(fixture.emulator, fixture.site));

            TaskVerdict verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT).orElseThrow();
            assertThat(verdict.verdict().outcome()).isEqualTo(Outcome.REJECTED_CAPTCHA);
        }
    }

    @Test
    void injectingWhereNoFrameHasAWidgetThrowsAndTheTaskIsUnknownAtOnce() {
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            page.navigate(fixture.site.url("/engines/welcome"));
            SolvedTask task = crossOrigin(true).solve(fixture.emulator, fixture.site);

            assertThatThrownBy(() -> attachment.inject(page, task)).isInstanceOf(InjectionException.class)
                    .hasMessageContaining("/engines/welcome");

            assertThat(attachment.pending()).extracting(PendingVerdict::task).doesNotContain(task);
            assertThat(attachment.awaitVerdict(Duration.ZERO).orElseThrow().verdict().outcome()).isEqualTo(Outcome.UNKNOWN);
        }
    }
}
