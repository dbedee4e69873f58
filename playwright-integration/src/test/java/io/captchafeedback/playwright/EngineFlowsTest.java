package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.testkit.site.EngineFlows;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The testkit's engine-neutral table of flows ({@link EngineFlows}: widgets in same- and cross-origin
 * iframes, an XHR abandoned before its body, a reset and a JSON answer in either order, a result in the
 * widget frame's parent and in a popup) with its one rule file: the attachment injects into the page
 * (finding the widget's frame itself) and decides the table's verdict. The Selenium module runs the same
 * table.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineFlowsTest extends EngineFlowsFixtureTest {
    static List<EngineFlows.Flow> flows() {
        return EngineFlows.table();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void theVerdictIsTheTablesOne(EngineFlows.Flow flow) {
        SolvedTask task = flow.solve(fixture.emulator, fixture.site);
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            page.navigate(flow.url(fixture.site, otherOrigin));
            Locator widget = flow.framed()
                    ? page.frameLocator("#login-frame").locator(EngineFlows.WIDGET.renderedSelector())
                    : page.locator(EngineFlows.WIDGET.renderedSelector());
            widget.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(10_000));

            attachment.inject(page, task);

            TaskVerdict verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT)
                    .orElseThrow(() -> new AssertionError("no verdict within " + DemoFixture.VERDICT_WAIT));
            assertThat(verdict.verdict().outcome()).as("verdict, evidence %s", verdict.verdict().evidence())
                    .isEqualTo(flow.expected());
            flow.expectedNote().ifPresent(note -> assertThat(verdict.verdict().evidence().observations())
                    .as("evidence %s", verdict.verdict().evidence()).anySatisfy(o -> assertThat(o.value()).contains(note)));
        }
    }
}
