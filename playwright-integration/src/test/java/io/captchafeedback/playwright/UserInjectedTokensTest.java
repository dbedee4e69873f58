package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.captchafeedback.task.Outcome;
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
import org.junit.jupiter.params.provider.EnumSource;
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

    /**
     * Registered once the page is open, then written and submitted by a form POST whose only sign of a bad
     * token is its 403: the POST's response must reach the detection (a page subscribes to responses only
     * when something may be judged on it, so the registration must turn that on before the submit).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DemoWidget.class)
    void aBadTokenRegisteredAfterThePageOpenedIsDecidedByTheStatusOfTheFormPost(DemoWidget widget) throws Exception {
        DemoPage demo = DemoPage.of(widget, DemoReaction.HTTP_403);
        SolvedTask task = fixture.solve("ucaptcha", demo, false);
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback)) {
            Page page = context.newPage();
            fixture.open(page, demo);
            fixture.feedback.register(task);
            DemoFixture.userInjectAndSubmit(page, widget, task.token());

            Optional<TaskVerdict> verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT);

            assertThat(verdict).as("a verdict for the recognised token").isPresent();
            assertThat(verdict.get().verdict().evidence().rule()).as("the rule that decided").isEqualTo("form-post-forbidden");
            fixture.assertVerdictAndFeedback(verdict.get(), demo.reaction().expectedOutcome(false));
        }
    }

    /**
     * The same, with the token written and the form submitted by one script ({@code form.submit()}
     * unloads the page at once): only the POST's body carries the token to us, and its 403 must still be seen.
     */
    @Test
    void aTokenRegisteredAfterThePageOpenedAndSeenOnlyInTheRequestBodyGetsItsResponse() throws Exception {
        DemoPage demo = DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.HTTP_403);
        SolvedTask task = fixture.solve("ucaptcha", demo, false);
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback)) {
            Page page = context.newPage();
            fixture.open(page, demo);
            fixture.feedback.register(task);
            page.evaluate("""
                    token => { document.querySelector('textarea[name=g-recaptcha-response]').value = token;
                      document.querySelector('textarea[name=g-recaptcha-response]').form.submit(); }""", task.token());

            Optional<TaskVerdict> verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT);

            assertThat(verdict).as("a verdict for the token found in the request").isPresent();
            assertThat(verdict.get().verdict().evidence().rule()).as("the rule that decided").isEqualTo("form-post-forbidden");
            fixture.assertVerdictAndFeedback(verdict.get(), Outcome.REJECTED_CAPTCHA);
        }
    }

    /**
     * And for an XHR: a token registered once the page is open, written and sent by one script with
     * {@code fetch}; only the request's body carries it to us, and only the answer's JSON tells the verdict.
     */
    @Test
    void aTokenRegisteredAfterThePageOpenedAndSentByFetchIsDecidedByTheJsonAnswer() throws Exception {
        DemoPage demo = DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.XHR_JSON);
        SolvedTask task = fixture.solve("ucaptcha", demo, false);
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback)) {
            Page page = context.newPage();
            fixture.open(page, demo);
            fixture.feedback.register(task);
            page.evaluate("""
                    token => { document.querySelector('textarea[name=g-recaptcha-response]').value = token;
                      submitForm(); }""", task.token());

            Optional<TaskVerdict> verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT);

            assertThat(verdict).as("a verdict for the token found in the request").isPresent();
            assertThat(verdict.get().verdict().evidence().rule()).as("the rule that decided").isEqualTo("verify-refused");
            fixture.assertVerdictAndFeedback(verdict.get(), Outcome.REJECTED_CAPTCHA);
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
