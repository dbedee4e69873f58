package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.playwright.internal.PlaywrightAttachment;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.testkit.site.EngineFlows;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A page crawled with nothing pending does not make Playwright send its responses and request ends: the
 * attachment subscribes when a task is injected, and ends the subscription once the verdict is in; with
 * registered tokens (which a request may carry) it stays subscribed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IdleSubscriptionsTest extends EngineFlowsFixtureTest {

    @Test
    void responsesAreSubscribedOnlyWhileATaskIsPendingOnThePage() {
        EngineFlows.Flow flow = EngineFlows.table().stream().filter(f -> !f.framed()).findFirst().orElseThrow();
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            PlaywrightAttachment attached = (PlaywrightAttachment) attachment;
            Page page = context.newPage();
            page.navigate(flow.url(fixture.site, otherOrigin));
            page.locator(EngineFlows.WIDGET.renderedSelector())
                    .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(10_000));
            assertThat(attached.listensToResponses(page)).as("with nothing pending").isFalse();

            attachment.inject(page, flow.solve(fixture.emulator, fixture.site));
            assertThat(attached.listensToResponses(page)).as("while the task is pending").isTrue();

            TaskVerdict verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT).orElseThrow();
            assertThat(verdict.verdict().outcome()).isEqualTo(flow.expected());
            assertThat(attached.listensToResponses(page)).as("after the verdict").isFalse();
        }
    }

    @Test
    void withRegisteredTokensPagesStaySubscribedSoARequestCarryingOneIsRecognised() {
        try (CaptchaFeedback registering = CaptchaFeedback.builder().rules(EngineFlows.rules()).reporter(fixture.reporter).build();
                Attachment attachment = PlaywrightCaptchaFeedback.attach(context, registering)) {
            SolvedTask task = EngineFlows.table().get(0).solve(fixture.emulator, fixture.site);
            registering.register(task);
            Page page = context.newPage();
            page.navigate(fixture.site.url("/engines/popup"));

            assertThat(((PlaywrightAttachment) attachment).listensToResponses(page)).isTrue();
        }
    }
}
