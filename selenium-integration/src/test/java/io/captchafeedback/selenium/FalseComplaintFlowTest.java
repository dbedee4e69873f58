package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.TaskVerdict;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.inject.InjectionException;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pattern pages (testkit {@link PatternPage}) through a decorated ChromeDriver with BiDi: each gives
 * its documented verdict with its site's rules, the right widget gets the token, and with nothing but
 * {@code include: [defaults]} no page of the testkit ever draws a negative report for a token the site
 * did not refuse for the captcha's sake.
 */
class FalseComplaintFlowTest extends DemoSiteFixture {

    /** Long enough for every local page to react (the slow ones wait 400 ms), short enough to run them all. */
    static final Duration DEFAULTS_TIMEOUT = Duration.ofMillis(1000);
    static final int RACY_RUNS = 10;

    static CaptchaFeedback feedback(Rules rules) {
        return CaptchaFeedback.builder().config(config()).rules(rules)
                .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
    }

    static SolvedTask solve(DemoWidget widget, String url, boolean good) {
        SolvedTask task = emulator.solve(providerFor(widget), widget.captchaType(), url, widget.siteKey());
        if (!good) {
            emulator.markBad(task.taskId());
        }
        return task;
    }

    /** Opens a page, waits for its widget, injects, submits; the verdict. */
    static Verdict run(SeleniumCaptchaFeedback cf, String url, DemoWidget widget, String submit, SolvedTask task) {
        WebDriver driver = cf.driver();
        driver.get(url);
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return " + widget.readyExpression())));
        cf.inject(task);
        if (submit != null) {
            driver.findElement(By.cssSelector(submit)).click();
        }
        return cf.awaitVerdict(WAIT).map(TaskVerdict::verdict).orElseThrow(() -> new AssertionError("no verdict within " + WAIT + " on " + url));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PatternPage.class)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyPatternPageGivesItsVerdictWithItsSiteRulesForGoodAndBadTokens(PatternPage page) throws Exception {
        try (CaptchaFeedback feedback = feedback(PatternRules.rules());
             SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(chrome, feedback)) {
            int runs = page.racy() ? RACY_RUNS : 1;
            for (int i = 0; i < runs; i++) {
                for (boolean good : new boolean[] {true, false}) {
                    SolvedTask task = solve(page.widget(), site.url(page.path()), good);
                    Verdict verdict = run(cf, site.url(page.path()), page.widget(), page.submitSelector(), task);
                    assertThat(verdict.outcome()).as("%s, good token %s, run %d: %s", page, good, i, verdict)
                            .isEqualTo(page.expectedOutcome(good));
                }
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTokenForTheLoginWidgetNeverReachesTheNewsletterWidgetAndWithoutSiteKeyNothingIsGuessed() {
        try (CaptchaFeedback feedback = feedback(PatternRules.rules());
             SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(chrome, feedback)) {
            String url = site.url(PatternPage.TWO_WIDGETS.path());
            SolvedTask task = solve(DemoWidget.RECAPTCHA_V2, url, true);
            assertThat(run(cf, url, DemoWidget.RECAPTCHA_V2, "#sign-in", task).outcome()).isEqualTo(Outcome.ACCEPTED);

            cf.driver().get(url);
            new WebDriverWait(cf.driver(), WAIT).until(d -> d.findElements(By.cssSelector("textarea[name=g-recaptcha-response]")).size() == 2);
            SolvedTask keyless = SolvedTask.of("ucaptcha", "t-keyless", CaptchaType.RECAPTCHA_V2, "keyless-token-0123456789");
            assertThatThrownBy(() -> cf.inject(keyless)).isInstanceOf(InjectionException.class)
                    .hasMessageContaining("2 reCAPTCHA widgets")
                    .hasMessageContaining(PatternPage.NEWSLETTER_SITE_KEY)
                    .hasMessageContaining("site key");
            assertThat(cf.driver().findElement(By.id("newsletter-status")).getText()).isEmpty();
            assertThat((String) ((JavascriptExecutor) cf.driver()).executeScript(
                    "return document.querySelector('#newsletter textarea').value")).isEmpty();
        }
    }

    /** One flow of the zero-configuration run: the page, the token, the truth and what the defaults said. */
    record Run(String page, boolean good, SolvedTask task, Outcome truth, Outcome verdict) {
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void withTheDefaultsOnlyNoPageOfTheTestkitDrawsAFalseComplaint() throws Exception {
        List<Run> runs = new ArrayList<>();
        Map<String, TaskVerdict> decided = new ConcurrentHashMap<>();
        try (CaptchaFeedback feedback = feedback(PatternRules.defaultsOnly(DEFAULTS_TIMEOUT));
             SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(chrome, feedback)) {
            feedback.onVerdict(v -> decided.put(v.task().key(), v));
            for (DemoPage page : DemoSite.pages()) {
                for (boolean good : new boolean[] {true, false}) {
                    SolvedTask task = solve(page.widget(), site.url(page), good);
                    String submit = page.widget() == DemoWidget.RECAPTCHA_V2_INVISIBLE ? null : "#sign-in";
                    Verdict v = run(cf, site.url(page), page.widget(), submit, task);
                    runs.add(check(new Run(page.path(), good, task, page.reaction().expectedOutcome(good), v.outcome()), v));
                }
            }
            for (PatternPage page : PatternPage.values()) {
                for (int i = 0; i < (page.racy() ? RACY_RUNS : 1); i++) {
                    for (boolean good : new boolean[] {true, false}) {
                        SolvedTask task = solve(page.widget(), site.url(page.path()), good);
                        Verdict v = run(cf, site.url(page.path()), page.widget(), page.submitSelector(), task);
                        runs.add(check(new Run(page.path(), good, task, page.expectedOutcome(good), v.outcome()), v));
                        assertThat(v.outcome()).as("%s, good token %s: %s", page, good, v).isEqualTo(page.defaultsOutcome(good));
                    }
                }
            }
            // every report delivered (or given up): then no provider holds a negative one that was not due
            for (Run r : runs) {
                TaskVerdict tv = decided.get(r.task().key());
                assertThat(tv).as("verdict of %s", r.page()).isNotNull();
                tv.report().awaitDecided(WAIT).orElseThrow();
                if (r.truth() != Outcome.REJECTED_CAPTCHA) {
                    assertThat(emulator.feedbackFor(r.task().providerId(), r.task().taskId()))
                            .as("reports for %s, good token %s", r.page(), r.good()).noneMatch(f -> !f.positive());
                }
            }
        }
        runs.stream().filter(r -> r.truth() == Outcome.REJECTED_CAPTCHA && r.verdict() != r.truth())
                .forEach(r -> System.out.printf("  refused token not recognised by the defaults: %s -> %s%n", r.page(), r.verdict()));
        long right = runs.stream().filter(r -> r.verdict() == r.truth()).count();
        long negative = runs.stream().filter(r -> r.verdict() == Outcome.REJECTED_CAPTCHA).count();
        long due = runs.stream().filter(r -> r.truth() == Outcome.REJECTED_CAPTCHA).count();
        System.out.printf("Selenium, include: [defaults] only: %d flows, decided right %d/%d, negative reports %d"
                + " (all due; %d flows had a refused token), false complaints 0%n", runs.size(), right, runs.size(), negative, due);
    }

    /** No negative verdict unless the captcha was at fault. */
    private static Run check(Run r, Verdict v) {
        if (r.truth() != Outcome.REJECTED_CAPTCHA) {
            assertThat(r.verdict()).as("false complaint on %s, good token %s: %s", r.page(), r.good(), v)
                    .isNotEqualTo(Outcome.REJECTED_CAPTCHA);
        }
        return r;
    }
}
