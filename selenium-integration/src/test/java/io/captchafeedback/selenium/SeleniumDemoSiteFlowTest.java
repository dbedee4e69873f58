package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Every demo page with a good and a bad token, through a decorated ChromeDriver with BiDi: the
 * verdict is the page's documented one and the emulator receives exactly the right feedback.
 */
class SeleniumDemoSiteFlowTest extends DemoSiteFixture {

    static CaptchaFeedback feedback;
    static SeleniumCaptchaFeedback cf;
    static final Map<String, TaskVerdict> verdicts = new ConcurrentHashMap<>();

    @BeforeAll
    static void attach() {
        feedback = newCaptchaFeedback();
        feedback.onVerdict(v -> verdicts.put(v.task().key(), v));
        cf = SeleniumCaptchaFeedback.attach(chrome, feedback);
        assertThat(cf.usesBiDi()).isTrue();
    }

    @AfterAll
    static void detach() {
        if (cf != null) {
            cf.close();
        }
        if (feedback != null) {
            feedback.close();
        }
    }

    static Stream<Arguments> everyPageWithAGoodAndABadToken() {
        List<Arguments> cases = new ArrayList<>();
        for (DemoPage page : DemoSite.pages()) {
            cases.add(Arguments.of(page, true));
            cases.add(Arguments.of(page, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with a good token: {1}")
    @MethodSource("everyPageWithAGoodAndABadToken")
    void theVerdictIsThePagesReactionAndTheProviderGetsExactlyTheRightFeedback(DemoPage page, boolean good) throws Exception {
        runFlow(cf, feedback, page, good);
    }

    /** One flow: solve, open, inject, submit, verdict, feedback. Shared with the Grid test. */
    static void runFlow(SeleniumCaptchaFeedback cf, CaptchaFeedback feedback, DemoPage page, boolean good) throws Exception {
        String provider = providerFor(page.widget());
        SolvedTask task = emulator.solve(provider, page.widget().captchaType(), site.url(page), page.widget().siteKey());
        if (!good) {
            emulator.markBad(task.taskId());
        }
        WebDriver driver = cf.driver();
        driver.get(site.url(page));

        cf.inject(task);
        if (page.widget() != DemoWidget.RECAPTCHA_V2_INVISIBLE) { // its callback submits
            driver.findElement(By.id("sign-in")).click();
        }
        Verdict verdict = cf.awaitVerdict(WAIT).orElseThrow(() -> new AssertionError("no verdict within " + WAIT)).verdict();

        Outcome expected = page.reaction().expectedOutcome(good);
        assertThat(verdict.outcome()).as("verdict %s", verdict).isEqualTo(expected);
        TaskVerdict decided = awaitDecided(task);
        decided.report().result().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        List<ReceivedFeedback> received = emulator.feedbackFor(provider, task.taskId());
        boolean positive = expected == Outcome.ACCEPTED;
        boolean sent = (expected == Outcome.ACCEPTED || expected == Outcome.REJECTED_CAPTCHA)
                && takes(feedback, provider, task.type(), positive);
        if (sent) {
            assertThat(received).singleElement().satisfies(f -> {
                assertThat(f.positive()).isEqualTo(positive);
                assertThat(f.recorded()).as("recorded: %s", f).isTrue();
            });
        } else {
            assertThat(received).as("no feedback for %s", expected).isEmpty();
        }
    }

    static TaskVerdict awaitDecided(SolvedTask task) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        TaskVerdict v;
        while ((v = verdicts.get(task.key())) == null && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(v).as("verdict listener called for %s", task.key()).isNotNull();
        return v;
    }
}
