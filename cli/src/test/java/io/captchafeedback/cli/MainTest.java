package io.captchafeedback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.record.Label;
import io.captchafeedback.record.Recorder;
import io.captchafeedback.record.RecordingFiles;
import io.captchafeedback.spi.ObservedResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import io.captchafeedback.spi.ObservedResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private Path recording(String name, boolean ok, Label label) {
        Recorder rec = Recorder.start(name, "http://shop.test/login", Set.of(), Clock.systemUTC());
        rec.onTexts(Map.of());
        rec.onResponse(ObservedResponse.of("http://shop.test/api/verify", "POST", 200, "application/json",
                "{\"success\":" + ok + "}"));
        Path f = dir.resolve(name + ".json");
        RecordingFiles.write(f, rec.finish().withLabel(label));
        return f;
    }

    @Test
    void validateAcceptsAGoodRuleFileAndLocatesTheMistakeInABadOne() throws Exception {
        Path good = Files.writeString(dir.resolve("good.yml"), """
                rules:
                  - site: "*.shop.test"
                    rules:
                      - name: ok
                        when: { url: "**/account*" }
                        verdict: ACCEPTED
                """);
        Path bad = Files.writeString(dir.resolve("bad.yml"), """
                rules:
                  - site: "*.shop.test"
                    rules:
                      - name: ok
                        when: { url: "**/account*" }
                        verdit: ACCEPTED
                """);

        assertThat(run("validate", good.toString())).satisfies(r -> {
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("OK").contains("1 rule sets");
        });
        CliRun r = run("validate", good.toString(), bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("bad.yml:6:").contains("verdit");
        assertThat(run("validate", dir.resolve("missing.yml").toString()).code()).isEqualTo(1);
    }

    @Test
    void validateLocatesAMistakeInAnAdaptersOptionsAndInTheReporterSectionWithoutAStackTrace() throws Exception {
        Path options = Files.writeString(dir.resolve("options.yml"), """
                providers:
                  router:
                    type: generic
                    key: router-key-0001
                    baseUrl: https://router.example
                    options: { style: vaild }
                """);
        Path reporter = Files.writeString(dir.resolve("reporter.yml"), """
                providers:
                  ucaptcha:
                    key: ucaptcha-key-0001
                reporter:
                  breaker: { window: soon }
                """);

        CliRun r = run("validate", options.toString(), reporter.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(options + ":6:23: providers.router.options.style: unknown value 'vaild'")
                .contains(reporter + ":5:22: reporter.breaker.window: expected a duration")
                .doesNotContain("router-key-0001");
    }

    @Test
    void validateReportsEveryProblemOfAFileEachLocated() throws Exception {
        Path bad = Files.writeString(dir.resolve("three.yml"), """
                rules:
                  - site: "*.shop.test"
                    rules:
                      - name: ok
                        when: { url: "**/account*" }
                        verdict: ACCEPTED
                      - name: typo
                        when: { url: "**/x" }
                        verdit: ACCEPTED
                      - name: bad-verdict
                        when: { url: "**/y" }
                        verdict: MAYBE
                  - site: "*.other.test"
                    includ: [defaults]
                """);

        CliRun r = run("validate", bad.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("3 problems");
        assertThat(r.out().lines().filter(l -> l.startsWith("  " + bad)).toList()).as(r.out())
                .hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("  " + bad + ":9:").contains("verdit"))
                .anySatisfy(l -> assertThat(l).startsWith("  " + bad + ":12:").contains("MAYBE"))
                .anySatisfy(l -> assertThat(l).startsWith("  " + bad + ":14:").contains("includ"));
    }

    @Test
    void validateReportsAConfigurationProblemAndTheRuleProblemsOfTheSameFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("config.yml"), """
                providers:
                  ucaptcha:
                    key: abc
                    timeout: soon
                rules:
                  - site: "*.shop.test"
                    rules:
                      - name: typo
                        when: { url: "**/x" }
                        verdit: ACCEPTED
                """);
        Path malformed = Files.writeString(dir.resolve("malformed.yml"), "rules: [ { site: \"a\" \n");

        CliRun r = run("validate", bad.toString(), malformed.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).as(r.out()).contains(bad + ":4:").contains("timeout").contains(bad + ":10:").contains("verdit")
                .contains(malformed + ":").doesNotContain("abc");
    }

    @Test
    void validatePrintsEveryMistakeOfEverySectionInFileOrderInOneRun() throws Exception {
        Path bad = Files.writeString(dir.resolve("everything.yml"), """
                providers:
                  ucaptcha:
                    key: ucaptcha-key-0001
                    timout: 5s
                  router:
                    type: generic
                    key: router-key-0001
                    baseUrl: https://router.example
                    options: { window: [1, 2] }
                reporter:
                  groupComit: 5ms
                  closeTimeout: soon
                rules:
                  - site: "*.shop.test"
                    rules:
                      - name: bad-condition
                        when: { urll: "**/x" }
                        verdict: ACCEPTED
                      - name: bad-verdict
                        when: { url: "**/y" }
                        verdict: MAYBE
                detection:
                  timeout: 5s
                """);

        CliRun r = run("validate", bad.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).as(r.out()).contains(bad + ": 7 problems").doesNotContain("key-0001").doesNotContain("Exception");
        assertThat(r.out().lines().filter(l -> l.startsWith("  ")).map(l -> l.substring(2 + bad.toString().length())).toList())
                .as(r.out())
                .satisfiesExactly(
                        l -> assertThat(l).startsWith(":4:5: providers.ucaptcha.timout: unknown key 'timout'"),
                        l -> assertThat(l).isEqualTo(":9:24: providers.router.options.window: expected a text value, got a list"),
                        l -> assertThat(l).startsWith(":11:3: reporter.groupComit: unknown key 'groupComit'"),
                        l -> assertThat(l).startsWith(":12:17: reporter.closeTimeout: expected a duration"),
                        l -> assertThat(l).startsWith(":17:23: rules[0].rules[0].when.urll: unknown condition type 'urll'"),
                        l -> assertThat(l).startsWith(":21:18: rules[0].rules[1].verdict: unknown value 'MAYBE'"),
                        l -> assertThat(l).startsWith(":22:1: detection: unknown key 'detection'"));
    }

    @Test
    void suggestWritesRulesThatReplayGivesEveryLabel() throws Exception {
        Path good = recording("good", true, Label.ACCEPTED);
        Path bad = recording("bad", false, Label.REJECTED_CAPTCHA);
        Path rules = dir.resolve("rules.yml");

        CliRun s = run("suggest", good.toString(), bad.toString(), "-o", rules.toString());

        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Files.readString(rules)).contains("equals: true").contains("equals: false");
        CliRun r = run("replay", "-r", rules.toString(), good.toString(), bad.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("good").contains("ACCEPTED").contains("REJECTED_CAPTCHA").doesNotContain(" NO ");
        assertThat(run("validate", rules.toString()).code()).isZero();
    }

    @Test
    void replayFailsWithOneWhenARecordingDoesNotGetItsLabel() throws Exception {
        Path good = recording("good", true, Label.ACCEPTED);
        Path rules = Files.writeString(dir.resolve("r.yml"), """
                rules:
                  - site: "shop.test"
                    rules:
                      - name: refused
                        when: { response: { url: "**/api/verify", status: [200] } }
                        verdict: REJECTED_CAPTCHA
                """);

        CliRun r = run("replay", "-r", rules.toString(), good.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(" NO ");
    }

    @Test
    void badInputGivesExitTwoAndAPlainMessage() throws Exception {
        Path good = recording("good", true, Label.ACCEPTED);
        Path broken = Files.writeString(dir.resolve("broken.json"), "{ not json");

        assertThat(run("suggest", good.toString()).code()).isEqualTo(2);
        CliRun r = run("replay", "-r", dir.resolve("none.yml").toString(), broken.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ");
        assertThat(run("frobnicate").code()).isEqualTo(2);
        assertThat(run("outbox", "list", "-c", good.toString(), "-d", dir.resolve("nope").toString()).code()).isEqualTo(2);
    }

    @Test
    void reportRendersTheHtmlFromAVerdictReportJsonAndRefusesOtherJson() throws Exception {
        Path json = Files.writeString(dir.resolve("verdict-report.json"), io.captchafeedback.verdictreport.VerdictReport.create().toJson()
                .replace("\"verdicts\" : [ ]", """
                        "verdicts" : [ { "provider" : "ucaptcha", "taskId" : "42", "captchaType" : "RECAPTCHA_V2",
                          "site" : "shop.test", "pageUrl" : "https://shop.test/login", "outcome" : "REJECTED_CAPTCHA",
                          "rule" : "captcha-refused", "feedbackCode" : null, "decidedAt" : "2026-11-30T08:00:00Z",
                          "evidence" : [ { "source" : "response", "value" : "POST https://shop.test/login 403", "at" : "2026-11-30T08:00:00Z" } ],
                          "delivery" : { "status" : "DELIVERED", "answer" : "ok", "attempts" : 1, "latencyMillis" : 12.5 } } ]"""));
        assertThat(Files.readString(json)).contains("captcha-refused");

        CliRun r = run("report", json.toString());

        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(dir.resolve("verdict-report.html"));
        assertThat(html).contains("<html").contains("captcha-refused");
        Path other = recording("good", true, Label.ACCEPTED);
        CliRun bad = run("report", other.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not a verdict report");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun r = run("--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("validate").contains("suggest").contains("replay").contains("outbox").contains("report").contains("Exit codes");
        assertThat(r.out()).doesNotContain("\u001B["); // not a terminal: no colours
    }
}
