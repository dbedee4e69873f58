package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tokens the user writes into the page with their own {@code page.evaluate} are recognised when registered. */
class UserInjectedTokensTest extends DemoFixtureTest {

    static Stream<Arguments> everyWidgetWithAGoodAndABadToken() {
        List<Arguments> cases = new ArrayList<>();
        for (DemoWidget widget : DemoWidget.values()) {
            cases.add(Arguments.of(widget, true));
            cases.add(Arguments.of(widget, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with a good token: {1}")
    @MethodSource("everyWidgetWithAGoodAndABadToken")
    void aRegisteredTokenWrittenByTheUsersOwnEvaluateIsTrackedAndDecided(DemoWidget widget, boolean good) throws Exception {
        DemoPage demo = DemoPage.of(widget, DemoReaction.INLINE_ERROR);
        SolvedTask task = fixture.solve("ucaptcha", demo, good);
        fixture.feedback.register(task);
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback)) {
            Page page = context.newPage();
            fixture.open(page, demo);
            DemoFixture.userInjectAndSubmit(page, widget, task.token());

            Optional<TaskVerdict> verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT);

            assertThat(verdict).as("a verdict for the recognised token").isPresent();
            assertThat(verdict.get().task().taskId()).isEqualTo(task.taskId());
            fixture.assertVerdictAndFeedback(verdict.get(), demo.reaction().expectedOutcome(good));
        }
    }

    @Test
    void anUnregisteredTokenIsNotTracked() {
        DemoPage demo = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.INLINE_ERROR);
        SolvedTask task = fixture.solve("ucaptcha", demo, true);
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback)) {
            Page page = context.newPage();
            fixture.open(page, demo);
            DemoFixture.userInjectAndSubmit(page, DemoWidget.TURNSTILE, task.token());
            page.waitForSelector(".success");

            assertThat(attachment.awaitVerdict(Duration.ofMillis(300))).isEmpty();
            assertThat(attachment.pending()).isEmpty();
        }
    }
}
