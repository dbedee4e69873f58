package io.captchafeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.testkit.site.DemoPage;
import io.captchafeedback.testkit.site.DemoSite;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end, as CI runs it: every demo page with a good and a bad token on Selenium and on
 * Playwright in headless Chromium, non-interactively. The expectations here are written independently
 * of the demo's own self-check: the verdict each page's reaction calls for, and which reports each
 * provider takes.
 */
class DemoTest {

    static DemoRuns.Captured run;
    static Path reportDir;

    @BeforeAll
    static void runTheDemo() {
        reportDir = DemoRuns.reportDir();
        run = DemoRuns.run("--non-interactive", "--report-dir", reportDir.toString());
    }

    /** Which reports a provider takes, per its documentation (positive, negative) for a captcha type. */
    static boolean takes(String provider, CaptchaType type, boolean positive) {
        return switch (provider) {
            case "ucaptcha", "regotcha", "capsolver", "2captcha" -> true;
            case "anticaptcha" -> positive ? type == CaptchaType.RECAPTCHA_V3
                    : type != CaptchaType.TURNSTILE && type != CaptchaType.FUNCAPTCHA;
            case "capmonster" -> !positive && type != CaptchaType.HCAPTCHA && type != CaptchaType.FUNCAPTCHA;
            case "nextcaptcha" -> false;
            default -> throw new AssertionError("unexpected provider " + provider);
        };
    }

    static boolean due(Row row) {
        Outcome expected = row.flow().expectedOutcome();
        return (expected == Outcome.ACCEPTED || expected == Outcome.REJECTED_CAPTCHA)
                && takes(row.flow().provider(), row.flow().page().widget().captchaType(), expected == Outcome.ACCEPTED);
    }

    @Test
    void exitsWithZeroAndSaysEveryRowIsAsExpected() {
        assertThat(run.result().exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("All 192 rows as expected").doesNotContain("WRONG");
    }

    @Test
    void hasOneRowPerPageTokenAndEngineWithTheVerdictThePageCallsFor() {
        List<Row> rows = run.result().rows();
        assertThat(rows).hasSize(DemoSite.pages().size() * 2 * 2);
        Set<String> keys = rows.stream()
                .map(r -> r.flow().page() + " " + r.flow().token() + " " + r.flow().engine().label())
                .collect(Collectors.toSet());
        List<String> expectedKeys = new ArrayList<>();
        for (DemoPage page : DemoSite.pages()) {
            for (String token : List.of("good", "bad")) {
                for (String engine : List.of("selenium", "playwright")) {
                    expectedKeys.add(page + " " + token + " " + engine);
                }
            }
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expectedKeys);
        for (Row row : rows) {
            Outcome expected = row.flow().page().reaction().expectedOutcome(row.flow().goodToken());
            assertThat(row.verdict()).as("verdict of %s", row).isEqualTo(expected);
            assertThat(row.ok()).as("check of %s", row).isTrue();
            // and the printed table has that row: page, type, engine, token, provider, verdict ... ok
            assertThat(run.out()).containsPattern(Pattern.compile("^" + Pattern.quote(row.flow().page().path())
                    + " +" + row.flow().page().widget().captchaType() + " +" + row.flow().engine().label()
                    + " +" + row.flow().token() + " +" + Pattern.quote(row.flow().provider()) + " +" + expected
                    + " +\\S+ +" + Pattern.quote(row.feedback()) + " +.* ok$", Pattern.MULTILINE));
        }
        assertThat(run.out().lines().filter(l -> l.startsWith("/"))).hasSize(rows.size());
        // every provider and every kind of "none" shows up somewhere
        assertThat(rows.stream().map(r -> r.flow().provider()).collect(Collectors.toSet()))
                .contains("ucaptcha", "regotcha", "capsolver", "2captcha", "anticaptcha", "capmonster", "nextcaptcha");
    }

    @Test
    void showsTheFeedbackSentAndWhyNoneWasSent() {
        for (Row row : run.result().rows()) {
            Outcome expected = row.flow().expectedOutcome();
            String feedback = row.feedback();
            if (due(row)) {
                assertThat(feedback).as("%s", row).isEqualTo(expected == Outcome.ACCEPTED ? "positive" : "negative");
                assertThat(row.answer()).as("provider's answer in %s", row).isNotBlank();
            } else if (expected == Outcome.REJECTED_OTHER) {
                assertThat(feedback).as("%s", row).isEqualTo("none: not the captcha's fault");
            } else if (expected == Outcome.UNKNOWN) {
                assertThat(feedback).as("%s", row).isEqualTo("none: the page showed no outcome");
            } else if (row.flow().provider().equals("nextcaptcha")) {
                assertThat(feedback).as("%s", row).isEqualTo("none: nextcaptcha takes no reports");
            } else {
                assertThat(feedback).as("%s", row).isEqualTo("none: " + row.flow().provider() + " takes no "
                        + (expected == Outcome.ACCEPTED ? "positive" : "negative") + " reports for this type");
            }
        }
        assertThat(run.out()).containsPattern(
                "/recaptcha-v3/redirect +RECAPTCHA_V3 +selenium +good +anticaptcha +ACCEPTED +welcome-page +positive +\\S.* +ok")
                .containsPattern("/recaptcha-v2/http-403 +RECAPTCHA_V2 +playwright +good +anticaptcha +ACCEPTED +order-confirmed"
                        + " +none: anticaptcha takes no positive reports for this type +- +ok")
                .containsPattern("/turnstile/silent +TURNSTILE +playwright +bad +nextcaptcha +UNKNOWN +timeout"
                        + " +none: the page showed no outcome +- +ok")
                .containsPattern("/turnstile/xhr-json +TURNSTILE +playwright +bad +nextcaptcha +REJECTED_CAPTCHA +verify-refused"
                        + " +none: nextcaptcha takes no reports +- +ok");
    }

    @Test
    void theEmulatedProvidersReceivedExactlyTheDueFeedbackOnceWithTheRightPolarity() {
        Map<String, List<ReceivedFeedback>> received = new HashMap<>();
        for (ReceivedFeedback f : run.result().emulatorFeedback()) {
            received.computeIfAbsent(f.provider() + "/" + f.taskId(), k -> new ArrayList<>()).add(f);
        }
        int due = 0;
        for (Row row : run.result().rows()) {
            List<ReceivedFeedback> got = received.getOrDefault(row.flow().provider() + "/" + row.task().taskId(), List.of());
            if (due(row)) {
                due++;
                boolean positive = row.flow().expectedOutcome() == Outcome.ACCEPTED;
                assertThat(got).as("feedback for %s", row).singleElement().satisfies(f -> {
                    assertThat(f.positive()).isEqualTo(positive);
                    assertThat(f.recorded()).as("recorded: %s", f).isTrue();
                });
            } else {
                assertThat(got).as("feedback for %s", row).isEmpty();
            }
        }
        assertThat(run.result().emulatorFeedback()).hasSize(due);
        assertThat(due).isGreaterThan(100);
    }

    @Test
    void writesTheVerdictReportWithEveryVerdictAndPrintsItsPaths() throws Exception {
        Path json = reportDir.resolve("verdict-report.json");
        Path html = reportDir.resolve("verdict-report.html");
        assertThat(json).isRegularFile();
        assertThat(html).isRegularFile();
        assertThat(run.out()).contains(json.toAbsolutePath().toString()).contains(html.toAbsolutePath().toString());

        JsonNode report = new ObjectMapper().readTree(Files.readString(json));
        Map<String, String> inReport = new HashMap<>();
        for (JsonNode v : report.get("verdicts")) {
            assertThat(v.get("delivery").isNull()).as("delivery of %s", v).isFalse();
            inReport.put(v.get("provider").asText() + "/" + v.get("taskId").asText(), v.get("outcome").asText());
        }
        Map<String, String> inTable = run.result().rows().stream()
                .collect(Collectors.toMap(r -> r.flow().provider() + "/" + r.task().taskId(), r -> r.verdict().name()));
        assertThat(inReport).isEqualTo(inTable);
        assertThat(report.get("totals").get("verdicts").asInt()).isEqualTo(192);
    }

    @Test
    void finishesBothEnginesInUnderTwoMinutes() {
        // measured and printed by the demo itself (about a minute on 2 cores); the bound leaves room for a loaded machine
        assertThat(run.out()).containsPattern("Time: 192 flows in \\d+\\.\\d s");
        assertThat(run.result().took()).isLessThan(Duration.ofMinutes(2));
    }
}
