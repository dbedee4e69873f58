package io.captchafeedback.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.spi.Injection;
import io.captchafeedback.record.Label;
import io.captchafeedback.record.Recording;
import io.captchafeedback.record.RecordingFiles;
import io.captchafeedback.record.Replay;
import io.captchafeedback.record.Suggester;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Records a good- and a bad-token run of a demo page with Playwright, suggests rules from them, and proves
 * the rules, loaded from the written file into a fresh CaptchaFeedback, decide new runs of the page.
 */
class PlaywrightRecordingTest {

    static final Duration QUIET = Duration.ofMillis(700);
    static DemoFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fixture = DemoFixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String providerFor(DemoWidget widget) {
        return widget == DemoWidget.RECAPTCHA_V2 ? "anticaptcha" : "regotcha";
    }

    private Recording recordRun(Page page, DemoPage demo, boolean good) {
        SolvedTask task = fixture.solve(providerFor(demo.widget()), demo, good);
        fixture.open(page, demo);
        Recording r = PlaywrightRecording.record(page, demo.reaction().name() + (good ? "-good" : "-bad"), List.of(task.token()),
                QUIET, Duration.ofSeconds(8), () -> {
                    page.evaluate(Injection.script(), Injection.argument(task));
                    DemoFixture.submit(page, demo.widget());
                });
        Outcome expected = demo.reaction().expectedOutcome(good);
        return r.withLabel(expected == Outcome.ACCEPTED ? Label.ACCEPTED
                : expected == Outcome.REJECTED_OTHER ? Label.REJECTED_OTHER : Label.REJECTED_CAPTCHA);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DemoReaction.class, names = {"XHR_JSON", "INLINE_ERROR", "HTTP_403", "REDIRECT", "WIDGET_RESET", "WRONG_PASSWORD"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void rulesSuggestedFromAGoodAndABadRunDecideNewRunsOfThePage(DemoReaction reaction) throws Exception {
        DemoPage demo = DemoPage.of(DemoWidget.RECAPTCHA_V2, reaction);
        Suggester.Suggestion s;
        try (BrowserContext context = fixture.newContext()) {
            Page page = context.newPage();
            Recording good = recordRun(page, demo, true);
            Recording bad = recordRun(page, demo, false);
            RecordingFiles.write(dir.resolve("good.json"), good);
            RecordingFiles.write(dir.resolve("bad.json"), bad);
            s = Suggester.suggest(List.of(RecordingFiles.read(dir.resolve("good.json")), RecordingFiles.read(dir.resolve("bad.json"))));
            assertThat(s.problems()).as(s.yaml()).isEmpty();
            for (Suggester.SuggestedRule rule : s.rules()) {
                assertThat(Replay.holds(rule.condition(), good)).as(rule.yaml()).isEqualTo(rule.label() == good.label());
                assertThat(Replay.holds(rule.condition(), bad)).as(rule.yaml()).isEqualTo(rule.label() == bad.label());
            }
        }
        Path rulesFile = dir.resolve("suggested.yml");
        Files.writeString(rulesFile, s.yaml());

        FeedbackReporter reporter = FeedbackReporter.builder().registry(fixture.registry)
                .outbox(Path.of("target", "outbox-" + UUID.randomUUID())).build();
        try (CaptchaFeedback feedback = CaptchaFeedback.builder().rules(RuleFiles.load(rulesFile)).reporter(reporter).build();
                BrowserContext context = fixture.newContext();
                Attachment attachment = PlaywrightCaptchaFeedback.attach(context, feedback)) {
            Page page = context.newPage();
            for (boolean good : new boolean[] {true, false}) {
                SolvedTask task = fixture.solve(providerFor(demo.widget()), demo, good);
                fixture.open(page, demo);
                // the new run is recorded as well: its replay must give the live verdict
                Recording run = PlaywrightRecording.record(page, "new", List.of(task.token()), QUIET, Duration.ofSeconds(8), () -> {
                    attachment.inject(page, task);
                    DemoFixture.submit(page, demo.widget());
                });
                Outcome outcome = attachment.awaitVerdict(DemoFixture.VERDICT_WAIT).orElseThrow().verdict().outcome();
                assertThat(outcome).as("new run, good token %s, rules:%n%s", good, s.yaml())
                        .isEqualTo(reaction.expectedOutcome(good));
                assertThat(Replay.run(RuleFiles.load(rulesFile), List.of(run)).get(0).verdict())
                        .as("replay of the new run, good token %s: %s", good, run.summary()).isEqualTo(outcome);
            }
        } finally {
            reporter.close();
        }
    }
}
