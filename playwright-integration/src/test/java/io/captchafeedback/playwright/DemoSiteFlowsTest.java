package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every demo-site page (6 widgets x 8 reactions), with good and bad tokens, in a page and in a popup
 * another page opens: the attachment injects, the page reacts, and the verdict, the listener and the
 * provider's feedback are the documented ones.
 */
class DemoSiteFlowsTest extends DemoFixtureTest {

    enum Where { PAGE, POPUP }

    /**
     * Every page with a good and a bad token in a page (96 flows), and every page once more in a popup
     * with the token quality alternating over widgets and reactions (48 flows), so that in popups too
     * every widget and every reaction meets a good and a bad token.
     */
    static Stream<Arguments> everyPageWithAGoodAndABadTokenInAPageAndAPopup() {
        List<Arguments> cases = new ArrayList<>();
        for (DemoPage page : DemoSite.pages()) {
            cases.add(Arguments.of(page, true, Where.PAGE));
            cases.add(Arguments.of(page, false, Where.PAGE));
        }
        for (DemoPage page : DemoSite.pages()) {
            boolean good = (page.widget().ordinal() + page.reaction().ordinal()) % 2 == 0;
            cases.add(Arguments.of(page, good, Where.POPUP));
        }
        return cases.stream();
    }

    /** ucaptcha and reGOTCHA take both reports for every type; Anti-Captcha covers reCAPTCHA in popups. */
    static String providerFor(CaptchaType type, Where where) {
        boolean recaptcha = type.name().startsWith("RECAPTCHA");
        if (where == Where.PAGE) {
            return "ucaptcha";
        }
        return recaptcha ? "anticaptcha" : "regotcha";
    }

    /** Opens the site's index, which opens the demo page with {@code window.open}. */
    private Page openPopup(DemoPage demo) {
        Page opener = context.newPage();
        opener.navigate(fixture.site.url("/"));
        Page popup = opener.waitForPopup(() -> opener.evaluate("url => { window.open(url); }", fixture.site.url(demo)));
        DemoFixture.waitUntilReady(popup, demo.widget());
        return popup;
    }

    @ParameterizedTest(name = "{0}, good token {1}, in a {2}")
    @MethodSource("everyPageWithAGoodAndABadTokenInAPageAndAPopup")
    void theVerdictAndTheFeedbackAreTheDocumentedOnes(DemoPage demo, boolean good, Where where) throws Exception {
        SolvedTask task = fixture.solve(providerFor(demo.widget().captchaType(), where), demo, good);
        List<TaskVerdict> heard = new CopyOnWriteArrayList<>();
        try (Attachment attachment = PlaywrightCaptchaFeedback.attach(context, fixture.feedback)) {
            attachment.onVerdict(heard::add);
            Page page = where == Where.POPUP ? openPopup(demo) : context.newPage();
            if (where == Where.PAGE) {
                fixture.open(page, demo);
            }

            InjectionResult injected = attachment.inject(page, task);
            assertThat(injected.injected()).as("injection %s", injected).isTrue();
            DemoFixture.submit(page, demo.widget());
            Optional<TaskVerdict> verdict = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT);

            assertThat(verdict).as("a verdict within %s", DemoFixture.VERDICT_WAIT).isPresent();
            assertThat(verdict.get().task().taskId()).isEqualTo(task.taskId());
            fixture.assertVerdictAndFeedback(verdict.get(), demo.reaction().expectedOutcome(good));
            assertThat(heard).containsExactly(verdict.get());
        }
    }
}
