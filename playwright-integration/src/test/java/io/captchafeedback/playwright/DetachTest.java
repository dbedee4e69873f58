package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Closing an attachment removes what it added: listeners, verdicts; the page keeps working. */
class DetachTest extends DemoFixtureTest {
    private static final DemoPage DEMO = DemoPage.of(DemoWidget.RECAPTCHA_V2, DemoReaction.INLINE_ERROR);

    @Test
    void closingRemovesEveryListenerItAddedToTheContextAndItsPages() throws Exception {
        Page page = context.newPage();
        int contextBefore = listenerCount(context);
        int pageBefore = listenerCount(page);

        Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback);
        Page popup = page.waitForPopup(() -> page.evaluate("() => { window.open('about:blank'); }"));
        int popupWhileAttached = listenerCount(popup);
        assertThat(listenerCount(context)).isGreaterThan(contextBefore);
        assertThat(listenerCount(page)).isGreaterThan(pageBefore);
        attachment.close();

        assertThat(listenerCount(context)).isEqualTo(contextBefore);
        assertThat(listenerCount(page)).isEqualTo(pageBefore);
        assertThat(listenerCount(popup)).isLessThan(popupWhileAttached);
        assertThat(attachment.isAttached()).isFalse();
    }

    @Test
    void afterClosingThePageKeepsWorkingAndNoVerdictComes() throws Exception {
        List<TaskVerdict> heard = new CopyOnWriteArrayList<>();
        Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback);
        attachment.onVerdict(heard::add);
        Page page = context.newPage();
        fixture.open(page, DEMO);
        attachment.close();

        SolvedTask task = fixture.solve("ucaptcha", DEMO, false);
        fixture.feedback.register(task);
        DemoFixture.userInjectAndSubmit(page, DEMO.widget(), task.token());
        assertThat(page.waitForSelector(".error").textContent()).isEqualTo("Invalid captcha, please try again");
        fixture.open(page, DEMO);
        page.waitForTimeout(300);

        assertThat(page.locator(".error").count()).isZero();
        assertThat(heard).isEmpty();
        assertThat(fixture.feedback.pending()).noneMatch(p -> p.task().taskId().equals(task.taskId()));
        assertThat(fixture.emulator.feedbackFor("ucaptcha", task.taskId())).isEmpty();
        assertThatThrownBy(() -> attachment.track(page, task)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTaskStillPendingWhenDetachingGetsItsVerdictThenAndNothingAfter() throws Exception {
        DemoPage silent = DemoPage.of(DemoWidget.TURNSTILE, DemoReaction.SILENT);
        SolvedTask task = fixture.solve("ucaptcha", silent, true);
        List<TaskVerdict> heard = new CopyOnWriteArrayList<>();
        Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback);
        attachment.onVerdict(heard::add);
        Page page = context.newPage();
        fixture.open(page, silent);
        attachment.inject(page, task);
        attachment.close();

        assertThat(heard).singleElement().satisfies(v -> assertThat(v.verdict().evidence().rule()).isNotBlank());
        page.click("#sign-in");
        page.waitForTimeout(300);
        assertThat(heard).hasSize(1);
        assertThat(attachment.pending()).isEmpty();
    }

    @Test
    void aContextCanBeAttachedAgainAfterDetachingButNotTwiceAtOnce() throws Exception {
        Attachment first = PlaywrightCaptchaFeedback.attach(context, fixture.feedback);
        assertThatThrownBy(() -> PlaywrightCaptchaFeedback.attach(context, fixture.feedback))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already attached");
        first.close();

        try (Attachment second = PlaywrightCaptchaFeedback.attach(context, fixture.feedback)) {
            Page page = context.newPage();
            fixture.open(page, DEMO);
            SolvedTask task = fixture.solve("ucaptcha", DEMO, true);
            second.inject(page, task);
            page.click("#sign-in");
            assertThat(second.awaitVerdict(DemoFixture.VERDICT_WAIT)).hasValueSatisfying(v ->
                    assertThat(v.task().taskId()).isEqualTo(task.taskId()));
        }
    }

    @Test
    void anAttachmentToOnePageDoesNotFollowItsPopups() {
        Page page = context.newPage();
        page.navigate(fixture.site.url("/"));
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(page, fixture.feedback)) {
            Page popup = page.waitForPopup(() -> page.evaluate("url => { window.open(url); }", fixture.site.url(DEMO)));
            DemoFixture.waitUntilReady(popup, DEMO.widget());
            SolvedTask task = fixture.solve("ucaptcha", DEMO, true);
            assertThatThrownBy(() -> attachment.inject(popup, task))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not part of this attachment");
            assertThat(attachment.awaitVerdict(Duration.ofMillis(50))).isEmpty();
        }
    }

    /** How many Java listeners Playwright holds for this object (its internal listener collection). */
    private static int listenerCount(Object owner) throws ReflectiveOperationException {
        Field field = findField(owner.getClass(), "listeners");
        field.setAccessible(true);
        Object collection = field.get(owner);
        Field map = collection.getClass().getDeclaredField("listeners");
        map.setAccessible(true);
        int count = 0;
        for (Object list : ((Map<?, ?>) map.get(collection)).values()) {
            count += ((List<?>) list).size();
        }
        return count;
    }

    private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            try {
                return t.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(name + " in " + type);
    }
}
