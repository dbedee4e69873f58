package io.captchafeedback.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.spi.Injection;
import io.captchafeedback.record.Label;
import io.captchafeedback.record.Recording;
import io.captchafeedback.record.RecordingFiles;
import io.captchafeedback.record.Replay;
import io.captchafeedback.record.Suggester;
import io.captchafeedback.rule.RuleFiles;
import io.captchafeedback.rule.Rules;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoReaction;
import io.captchafeedback.testkit.site.DemoWidget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Records a good- and a bad-token run of a demo page in headless Chromium, suggests rules from them,
 * and proves the rules, loaded from the written file into a fresh CaptchaFeedback, decide new runs.
 */
class SeleniumRecordingTest extends DemoSiteFixture {

    static final Duration QUIET = Duration.ofMillis(700);

    @TempDir
    Path dir;

    private Recording recordRun(DemoPage page, boolean good, String flow) {
        SolvedTask task = solve(page, good);
        chrome.get(site.url(page));
        return SeleniumRecording.record(chrome, flow, List.of(task.token()), QUIET, Duration.ofSeconds(8), () -> {
            ((JavascriptExecutor) chrome).executeScript(Injection.statement(), Injection.argument(task));
            chrome.findElement(By.id("sign-in")).click();
        });
    }

    private static SolvedTask solve(DemoPage page, boolean good) {
        SolvedTask task = emulator.solve(providerFor(page.widget()), page.widget().captchaType(), site.url(page),
                page.widget().siteKey());
        if (!good) {
            emulator.markBad(task.taskId());
        }
        return task;
    }

    private static Label labelOf(DemoPage page, boolean good) {
        return switch (page.reaction().expectedOutcome(good)) {
            case ACCEPTED -> Label.ACCEPTED;
            case REJECTED_OTHER -> Label.REJECTED_OTHER;
            default -> Label.REJECTED_CAPTCHA;
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DemoReaction.class, names = {"XHR_JSON", "INLINE_ERROR", "HTTP_403", "REDIRECT", "WIDGET_RESET", "WRONG_PASSWORD"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void rulesSuggestedFromAGoodAndABadRunDecideNewRunsOfThePage(DemoReaction reaction) throws Exception {
        DemoPage page = DemoPage.of(DemoWidget.RECAPTCHA_V2, reaction);
        Recording good = recordRun(page, true, reaction.name() + "-good").withLabel(labelOf(page, true));
        Recording bad = recordRun(page, false, reaction.name() + "-bad").withLabel(labelOf(page, false));
        RecordingFiles.write(dir.resolve("good.json"), good);
        RecordingFiles.write(dir.resolve("bad.json"), bad);
        for (Path f : List.of(dir.resolve("good.json"), dir.resolve("bad.json"))) {
            String text = Files.readString(f);
            assertThat(text).doesNotContain(emulator.apiKey(providerFor(page.widget())));
        }

        Suggester.Suggestion s = Suggester.suggest(List.of(RecordingFiles.read(dir.resolve("good.json")),
                RecordingFiles.read(dir.resolve("bad.json"))));
        assertThat(s.problems()).as(s.yaml()).isEmpty();
        for (Suggester.SuggestedRule rule : s.rules()) {
            assertThat(Replay.holds(rule.condition(), good)).as(rule.yaml()).isEqualTo(rule.label() == good.label());
            assertThat(Replay.holds(rule.condition(), bad)).as(rule.yaml()).isEqualTo(rule.label() == bad.label());
        }
        Path rulesFile = dir.resolve("suggested.yml");
        Files.writeString(rulesFile, s.yaml());
        Rules rules = RuleFiles.load(rulesFile);

        try (CaptchaFeedback feedback = CaptchaFeedback.builder().config(config()).rules(rules)
                .outbox(Path.of("target", "outbox", UUID.randomUUID().toString())).build();
                SeleniumCaptchaFeedback cf = SeleniumCaptchaFeedback.attach(chrome, feedback)) {
            for (boolean tokenGood : new boolean[] {true, false}) {
                SolvedTask task = solve(page, tokenGood);
                chrome.get(site.url(page));
                // the new run is recorded as well: its replay must give the live verdict
                Recording run = SeleniumRecording.record(chrome, "new", List.of(task.token()), QUIET, Duration.ofSeconds(8), () -> {
                    cf.inject(task);
                    chrome.findElement(By.id("sign-in")).click();
                });
                Outcome outcome = cf.awaitVerdict(WAIT).orElseThrow().verdict().outcome();
                assertThat(outcome).as("new run, good token %s, rules:%n%s", tokenGood, s.yaml())
                        .isEqualTo(page.reaction().expectedOutcome(tokenGood));
                assertThat(Replay.run(rules, List.of(run)).get(0).verdict())
                        .as("replay of the new run, good token %s: %s", tokenGood, run.summary()).isEqualTo(outcome);
            }
        }
    }
}
