package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.inject.InjectionException;
import io.captchafeedback.inject.InjectionResult;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.site.PatternPage;
import io.captchafeedback.testkit.site.PatternRules;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.site.DemoWidget;
import io.captchafeedback.testkit.site.PatternPage;
import io.captchafeedback.testkit.site.PatternRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pattern pages (testkit {@link PatternPage}) through a Playwright attachment: each gives its
 * documented verdict with its site's rules, the right widget gets the token, and with nothing but
 * {@code include: [defaults]} no page of the testkit ever draws a negative report for a token the site
 * did not refuse for the captcha's sake.
 */
class FalseComplaintFlowTest extends DemoFixtureTest {

    /** Long enough for every local page to react (the slow ones wait 300 ms), short enough to run them all. */
    static final Duration DEFAULTS_TIMEOUT = Duration.ofMillis(1000);
    static final int RACY_RUNS = 10;

    CaptchaFeedback feedback(Rules rules) {
        return CaptchaFeedback.builder().rules(rules).reporter(fixture.reporter).build();
    }

    SolvedTask solve(DemoWidget widget, String url, boolean good) {
        SolvedTask task = fixture.emulator.solve("ucaptcha", widget.captchaType(), url, widget.siteKey());
        if (!good) {
            fixture.emulator.markBad(task.taskId());
        }
        return task;
    }

    /** Opens a page, waits for its widget, injects, submits; the verdict. */
    static TaskVerdict run(Attachment attachment, Page page, String url, DemoWidget widget, String submit, SolvedTask task) {
        page.navigate(url);
        DemoFixture.waitUntilReady(page, widget);
        InjectionResult injected = attachment.inject(page, task);
        assertThat(injected.injected()).as("injection on %s: %s", url, injected).isTrue();
        if (submit != null) {
            page.click(submit);
        }
        return attachment.awaitVerdict(DemoFixture.VERDICT_WAIT)
                .orElseThrow(() -> new AssertionError("no verdict within " + DemoFixture.VERDICT_WAIT + " on " + url));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PatternPage.class)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyPatternPageGivesItsVerdictWithItsSiteRulesForGoodAndBadTokens(PatternPage demo) {
        try (CaptchaFeedback feedback = feedback(PatternRules.rules());
             Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            for (int i = 0; i < (demo.racy() ? RACY_RUNS : 1); i++) {
                for (boolean good : new boolean[] {true, false}) {
                    String url = fixture.site.url(demo.path());
                    TaskVerdict verdict = run(attachment, page, url, demo.widget(), demo.submitSelector(), solve(demo.widget(), url, good));
                    assertThat(verdict.verdict().outcome()).as("%s, good token %s, run %d: %s", demo, good, i, verdict.verdict())
                            .isEqualTo(demo.expectedOutcome(good));
                }
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTokenForTheLoginWidgetNeverReachesTheNewsletterWidgetAndWithoutSiteKeyNothingIsGuessed() {
        try (CaptchaFeedback feedback = feedback(PatternRules.rules());
             Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            String url = fixture.site.url(PatternPage.TWO_WIDGETS.path());
            TaskVerdict verdict = run(attachment, page, url, DemoWidget.RECAPTCHA_V2, "#sign-in", solve(DemoWidget.RECAPTCHA_V2, url, true));
            assertThat(verdict.verdict().outcome()).isEqualTo(Outcome.ACCEPTED);

            page.navigate(url);
            page.waitForFunction("() => document.querySelectorAll('textarea[name=g-recaptcha-response]').length === 2");
            SolvedTask keyless = SolvedTask.of("ucaptcha", "t-keyless", CaptchaType.RECAPTCHA_V2, "keyless-token-0123456789");
            assertThatThrownBy(() -> attachment.inject(page, keyless)).isInstanceOfSatisfying(InjectionException.class, e -> {
                assertThat(e.result()).hasValueSatisfying(r -> assertThat(r.ambiguous()).isTrue());
                assertThat(e).hasMessageContaining("2 reCAPTCHA widgets")
                        .hasMessageContaining(PatternPage.NEWSLETTER_SITE_KEY).hasMessageContaining("site key");
            });
            assertThat(page.textContent("#newsletter-status")).isEmpty();
            assertThat(page.evaluate("() => document.querySelector('#newsletter textarea').value")).isEqualTo("");
        }
    }

    /** One flow of the zero-configuration run: the page, the token, the truth and what the defaults said. */
    record Run(String page, boolean good, TaskVerdict verdict, Outcome truth) {
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void withTheDefaultsOnlyNoPageOfTheTestkitDrawsAFalseComplaint() throws Exception {
        List<Run> runs = new ArrayList<>();
        try (CaptchaFeedback feedback = feedback(PatternRules.defaultsOnly(DEFAULTS_TIMEOUT));
             Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            for (DemoPage demo : DemoSite.pages()) {
                for (boolean good : new boolean[] {true, false}) {
                    String url = fixture.site.url(demo);
                    String submit = demo.widget() == DemoWidget.RECAPTCHA_V2_INVISIBLE ? null : "#sign-in";
                    TaskVerdict v = run(attachment, page, url, demo.widget(), submit, solve(demo.widget(), url, good));
                    runs.add(check(new Run(demo.path(), good, v, demo.reaction().expectedOutcome(good))));
                }
            }
            for (PatternPage demo : PatternPage.values()) {
                for (int i = 0; i < (demo.racy() ? RACY_RUNS : 1); i++) {
                    for (boolean good : new boolean[] {true, false}) {
                        String url = fixture.site.url(demo.path());
                        TaskVerdict v = run(attachment, page, url, demo.widget(), demo.submitSelector(), solve(demo.widget(), url, good));
                        runs.add(check(new Run(demo.path(), good, v, demo.expectedOutcome(good))));
                        assertThat(v.verdict().outcome()).as("%s, good token %s: %s", demo, good, v.verdict())
                                .isEqualTo(demo.defaultsOutcome(good));
                    }
                }
            }
        }
        // every report delivered (or given up): then no provider holds a negative one that was not due
        for (Run r : runs) {
            r.verdict().report().awaitDecided(Duration.ofSeconds(10)).orElseThrow();
            if (r.truth() != Outcome.REJECTED_CAPTCHA) {
                SolvedTask task = r.verdict().task();
                assertThat(fixture.emulator.feedbackFor(task.providerId(), task.taskId()))
                        .as("reports for %s, good token %s", r.page(), r.good()).noneMatch(f -> !f.positive());
            }
        }
        runs.stream().filter(r -> r.truth() == Outcome.REJECTED_CAPTCHA && r.verdict().verdict().outcome() != r.truth())
                .forEach(r -> System.out.printf("  refused token not recognised by the defaults: %s -> %s%n", r.page(), r.verdict().verdict().outcome()));
        long right = runs.stream().filter(r -> r.verdict().verdict().outcome() == r.truth()).count();
        long negative = runs.stream().filter(r -> r.verdict().verdict().outcome() == Outcome.REJECTED_CAPTCHA).count();
        long due = runs.stream().filter(r -> r.truth() == Outcome.REJECTED_CAPTCHA).count();
        System.out.printf("Playwright, include: [defaults] only: %d flows, decided right %d/%d, negative reports %d"
                + " (all due; %d flows had a refused token), false complaints 0%n", runs.size(), right, runs.size(), negative, due);
    }

    /** No negative verdict unless the captcha was at fault. */
    private static Run check(Run r) {
        if (r.truth() != Outcome.REJECTED_CAPTCHA) {
            assertThat(r.verdict().verdict().outcome()).as("false complaint on %s, good token %s: %s", r.page(), r.good(),
                    r.verdict().verdict()).isNotEqualTo(Outcome.REJECTED_CAPTCHA);
        }
        return r;
    }
}
