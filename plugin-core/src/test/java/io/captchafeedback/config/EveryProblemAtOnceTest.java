package io.captchafeedback.config;

import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.captchafeedback.rule.RuleFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a file checks all of it: every mistake, in every section, provider, option, rule set and rule,
 * is one located problem of the one {@link ConfigException} thrown, in file order.
 */
class EveryProblemAtOnceTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("captcha-feedback.yml"), yaml);
    }

    private static ConfigException failure(Path file) {
        ConfigException e = catchThrowableOfType(() -> isolated().file(file).build(), ConfigException.class);
        assertThat(e).as("loading must fail").isNotNull();
        return e;
    }

    /** Each problem as {@code line:column path: problem}, its source checked. */
    private static List<String> located(ConfigException e, Path file) {
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo(file.toString()));
        return e.problems().stream().map(p -> p.line() + ":" + p.column() + " " + p.path() + ": " + p.problem()).toList();
    }

    @Test
    void aFileWithAMistakeInEverySectionGivesThemAllInFileOrder() throws IOException {
        Path file = file("""
                providers:
                  ucaptcha:
                    key: ucaptcha-key-0001
                    timout: 5s
                  router:
                    type: generic
                    key: router-key-0001
                    baseUrl: https://router.example
                    options: { window: [1, 2], style: vaild }
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

        ConfigException e = failure(file);

        assertThat(located(e, file)).containsExactly(
                "4:5 providers.ucaptcha.timout: unknown key 'timout' (did you mean 'timeout'?); expected one of:"
                        + " baseUrl, key, options, timeout, type",
                "9:24 providers.router.options.window: expected a text value, got a list",
                "9:39 providers.router.options.style: unknown value 'vaild' (did you mean 'valid'?); expected one of:"
                        + " invalid, valid",
                "11:3 reporter.groupComit: unknown key 'groupComit' (did you mean 'groupCommit'?); expected one of:"
                        + " breaker, closeTimeout, commitMode, dryRun, groupCommit, maxConcurrency, outbox, outboxPassword,"
                        + " outboxPoolSize, outboxUser, retry, verdictReport",
                "12:17 reporter.closeTimeout: expected a duration such as 10s, 500ms, 2m or PT10S, got 'soon'",
                "17:23 rules[0].rules[0].when.urll: unknown condition type 'urll' (did you mean 'url'?); expected one of:"
                        + " allOf, anyOf, cookie, element, not, response, script, text, url, urlChanged, widgetReset,"
                        + " widgetShown",
                "21:18 rules[0].rules[1].verdict: unknown value 'MAYBE'; expected one of: ACCEPTED, REJECTED_CAPTCHA,"
                        + " REJECTED_OTHER",
                "22:1 detection: unknown key 'detection'; expected one of: providers, reporter, rules (nothing reads a"
                        + " detection section: how long a detection waits and lets the page settle is set per rule set"
                        + " with timeout: and settle:, see docs/rules.md)");
        assertThat(e).hasMessageStartingWith("8 problems:\n  " + file + ":4:5: providers.ucaptcha.timout: unknown key")
                .hasMessageContaining("\n  " + file + ":21:18: rules[0].rules[1].verdict: unknown value 'MAYBE'");
        assertThat(e.line()).as("the first problem's place").isEqualTo(4);
        assertThat(e.getMessage()).doesNotContain("ucaptcha-key-0001").doesNotContain("router-key-0001");
    }

    @Test
    void threeMistakesInTheReporterSectionAreThreeProblems() throws IOException {
        Path file = file("""
                providers:
                  ucaptcha:
                    key: ucaptcha-key-0001
                reporter:
                  groupCommit: soon
                  dryRun: maybe
                  retry: { jitter: 2, maxDuraton: 1h }
                """);

        assertThat(located(failure(file), file)).containsExactly(
                "5:16 reporter.groupCommit: expected a duration such as 10s, 500ms, 2m or PT10S, got 'soon'",
                "6:11 reporter.dryRun: expected true or false, got 'maybe'",
                "7:20 reporter.retry.jitter: expected a number from 0.0 to 1.0, got 2",
                "7:23 reporter.retry.maxDuraton: unknown key 'maxDuraton' (did you mean 'maxDuration'?); expected one of:"
                        + " initialBackoff, jitter, maxBackoff, maxDuration");
    }

    @Test
    void aSectionOfTheWrongKindIsOneProblemAndItsSiblingsAreStillChecked() throws IOException {
        Path file = file("""
                providers:
                  ucaptcha:
                    key: ucaptcha-key-0001
                    timeout: soon
                  capsolver: [ capsolver-key-0001 ]
                reporter: [ outbox ]
                rules:
                  - site: "*.shop.test"
                    rules:
                      - name: typo
                        when: { url: "**/x" }
                        verdit: ACCEPTED
                """);

        assertThat(located(failure(file), file)).containsExactly(
                "4:14 providers.ucaptcha.timeout: expected a positive duration such as 10s, 500ms, 2m or PT10S, got 'soon'",
                "5:14 providers.capsolver: expected a mapping of provider settings (type, key, baseUrl, timeout, options),"
                        + " got a list",
                "6:11 reporter: expected a mapping with the keys outbox, outboxUser, outboxPassword, outboxPoolSize,"
                        + " groupCommit, commitMode, closeTimeout, dryRun, maxConcurrency, retry, breaker, verdictReport,"
                        + " got a list",
                "12:9 rules[0].rules[0].verdit: unknown key 'verdit' (did you mean 'verdict'?); expected one of: feedback,"
                        + " name, verdict, when")
                .doesNotContain("capsolver-key-0001");
    }

    @Test
    void aStandAloneRuleFileGivesEveryProblemOfEveryRule() throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yml"), """
                rules:
                  - site: "*.shop.test"
                    timeout: never
                    rules:
                      - name: two-mistakes
                        when: { allOf: [ { url: "**/x" }, { cookey: sid } ] }
                        verdict: MAYBE
                        feedback: { code: x }
                      - name: fine
                        when: { url: "**/y" }
                        verdict: ACCEPTED
                """);

        ConfigException e = catchThrowableOfType(() -> RuleFiles.load(rules, name -> null), ConfigException.class);

        assertThat(located(e, rules)).containsExactly(
                "3:14 rules[0].timeout: expected a duration such as 10s, 500ms, 2m or PT10S, got 'never'",
                "6:53 rules[0].rules[0].when.allOf[1].cookey: unknown condition type 'cookey' (did you mean 'cookie'?);"
                        + " expected one of: allOf, anyOf, cookie, element, not, response, script, text, url, urlChanged,"
                        + " widgetReset, widgetShown",
                "7:18 rules[0].rules[0].verdict: unknown value 'MAYBE'; expected one of: ACCEPTED, REJECTED_CAPTCHA,"
                        + " REJECTED_OTHER");
        assertThat(RuleFiles.problems(ConfigNode.parse(rules, name -> null))).hasSize(3);
    }

    @Test
    void everyUnsetVariableAndRepeatedKeyOfADocumentIsReportedTogether() {
        ConfigException e = catchThrowableOfType(() -> ConfigNode.parse("inline.yml", """
                providers:
                  ucaptcha:
                    key: ${UCAPTCHA_KEY}
                    timeout: 5s
                    timeout: 6s
                  capsolver:
                    key: ${CAPSOLVER_KEY}
                """, false, name -> null), ConfigException.class);

        assertThat(e.problems()).extracting(ConfigException::getMessage).containsExactly(
                "inline.yml:3:10: providers.ucaptcha.key: environment variable UCAPTCHA_KEY is not set (use"
                        + " ${UCAPTCHA_KEY:-default} for a default)",
                "inline.yml:5:5: providers.ucaptcha.timeout: duplicate key 'timeout'",
                "inline.yml:7:10: providers.capsolver.key: environment variable CAPSOLVER_KEY is not set (use"
                        + " ${CAPSOLVER_KEY:-default} for a default)");
    }

    @Test
    void everyOptionABuiltInAdapterRefusesIsAProblem() throws IOException {
        Path file = file("""
                providers:
                  router:
                    type: generic
                    key: router-key-0001
                    baseUrl: https://router.example
                    options: { style: vaild, window: soon, pth: /x, taskIdKind: number }
                  capsolver:
                    key: capsolver-key-0001
                    options: { appid: a, app: b }
                """);

        assertThat(located(failure(file), file)).containsExactly(
                "6:23 providers.router.options.style: unknown value 'vaild' (did you mean 'valid'?); expected one of:"
                        + " invalid, valid",
                "6:38 providers.router.options.window: expected a positive duration such as 60s, 15m, 24h or PT24H, got"
                        + " 'soon'",
                "6:44 providers.router.options.pth: unknown option 'pth' (did you mean 'path'?); expected one of:"
                        + " answersRepeats, path, style, taskIdKind, window",
                "6:65 providers.router.options.taskIdKind: unknown value 'number'; expected one of: integer, string",
                "9:16 providers.capsolver.options.appid: unknown option 'appid' (did you mean 'appId'?); expected one of:"
                        + " appId",
                "9:26 providers.capsolver.options.app: unknown option 'app' (did you mean 'appId'?); expected one of:"
                        + " appId");
    }

    @Test
    void everyKeyOfAResponseConditionIsCheckedOnItsOwn() throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yml"), """
                rules:
                  - site: "*.shop.test"
                    rules:
                      - name: verify
                        when:
                          response: { url: "**/verify", method: "PO ST", status: [403, 999], json: { pointer: success } }
                        verdict: REJECTED_CAPTCHA
                """);

        ConfigException e = catchThrowableOfType(() -> RuleFiles.load(rules, name -> null), ConfigException.class);

        assertThat(located(e, rules)).containsExactly(
                "6:49 rules[0].rules[0].when.response.method: expected an HTTP method such as POST, got 'PO ST'",
                "6:72 rules[0].rules[0].when.response.status[1]: expected an HTTP status from 100 to 599 or a class such"
                        + " as 4xx, got the number 999",
                "6:95 rules[0].rules[0].when.response.json.pointer: invalid JSON pointer 'success': expected '' or a path"
                        + " such as /success or /error-codes/0");
    }

    @Test
    void oneProblemIsThrownAsItselfAndTheSameProblemTwiceCountsOnce() {
        ConfigException one = new ConfigException("a.yml", 3, 5, "reporter.dryRun", "expected true or false, got 'maybe'");
        ConfigException later = new ConfigException("a.yml", 9, 1, "rules", "expected a list");
        ConfigException builder = new ConfigException("builder", 0, 0, "providers.x.timeout", "expected a duration");

        assertThat(ConfigException.of(List.of(one, one))).isSameAs(one);
        ConfigException all = ConfigException.of(List.of(builder, later, one));
        assertThat(all.problems()).containsExactly(one, later, builder);
        assertThat(all).hasMessage("3 problems:\n  " + one.getMessage() + "\n  " + later.getMessage() + "\n  "
                + builder.getMessage());
        assertThat(all.line()).isEqualTo(3);
        assertThat(all.path()).isEqualTo("reporter.dryRun");
        assertThat(ConfigException.of(List.of(all, one)).problems()).containsExactly(one, later, builder);
    }
}
