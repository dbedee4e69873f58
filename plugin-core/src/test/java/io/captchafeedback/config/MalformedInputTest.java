package io.captchafeedback.config;


import io.captchafeedback.CaptchaFeedbackConfig;
import static io.captchafeedback.config.ConfigFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.captchafeedback.CaptchaFeedback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed configuration files, each taken through the one path a user takes (load the file, build
 * {@link CaptchaFeedback} from it): every one is a {@link ConfigException} that says
 * {@code file:line:column: key: problem} with the expected form, none is accepted and none ends in a
 * raw exception from deep inside.
 */
class MalformedInputTest {
    private static final String KEY = "providers:\n  ucaptcha:\n    key: abc\n";
    private static final String OUTBOX_FILE = "@OUTBOX_FILE@";

    @TempDir
    static Path dir;

    /** A row: file name, content, "line:column", key path ("" for the whole document), a fragment of the problem. */
    private static Arguments row(String name, Object content, String at, String path, String problem) {
        return Arguments.of(name, content, at, path, problem);
    }

    static Stream<Arguments> inputs() {
        List<Arguments> rows = new ArrayList<>(List.of(
                // syntax
                row("unclosed-quote.yml", KEY + "    timeout: \"10s\n", "5:1", "", "malformed YAML: found unexpected end of stream (while scanning a quoted scalar at line 4, column 14)"),
                row("tab-indent.yml", "providers:\n\tucaptcha: {}\n", "2:1", "", "malformed YAML"),
                row("unclosed.json", "{\"providers\": {\"ucaptcha\": {\"key\": \"abc\"}", "1:42", "", "malformed JSON: Unexpected end-of-input"),
                row("trailing-comma.json", "{\"providers\": {\"ucaptcha\": {\"key\": \"abc\",}}}", "1:42", "", "malformed JSON: Unexpected character"),
                row("duplicate-key.yml", KEY + "    key: def\n", "4:5", "providers.ucaptcha.key", "duplicate key 'key'"),
                row("binary.yml", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x9c, 0x1b, 0x7f, 0, 0},
                        "1:1", "", "not UTF-8 text"),
                row("deep.json", "[".repeat(1200) + "]".repeat(1200), "1:1001", "", "nested deeper than 1000 levels"),
                row("deep.yml", "x: " + "[".repeat(1200) + "]".repeat(1200) + "\n", "1:", "", "nested deeper than"),
                row("empty.yml", "", "1:1", "providers", "no provider is configured"),
                row("only-comments.yml", "# nothing here\n", "1:1", "providers", "no provider is configured"),
                row("document-is-a-list.yml", "- providers\n", "1:1", "", "expected a mapping with the keys"),
                row("document-is-text.yml", "hello\n", "1:1", "", "expected a mapping with the keys"),
                // unknown keys
                row("unknown-top-level.yml", KEY + "reporters: {}\n", "4:1", "reporters", "unknown key 'reporters' (did you mean 'reporter'?)"),
                row("unknown-provider-key.yml", KEY + "    timout: 10s\n", "4:5", "providers.ucaptcha.timout", "did you mean 'timeout'?"),
                row("unknown-reporter-key.yml", KEY + "reporter:\n  groupComit: 5ms\n", "5:3", "reporter.groupComit", "did you mean 'groupCommit'?"),
                row("unknown-retry-key.yml", KEY + "reporter:\n  retry: { attempts: 3 }\n", "5:12", "reporter.retry.attempts", "unknown key 'attempts'"),
                row("unknown-breaker-key.yml", KEY + "reporter:\n  breaker: { treshold: 0.5 }\n", "5:14", "reporter.breaker.treshold", "unknown key 'treshold'"),
                // providers
                row("bad-provider-id.yml", "providers:\n  \"u captcha\":\n    key: abc\n", "2:3", "providers.u captcha", "expected a provider id"),
                row("missing-key.yml", "providers:\n  ucaptcha:\n    timeout: 10s\n", "2:3", "providers.ucaptcha", "missing required key 'key'"),
                row("blank-key.yml", "providers:\n  ucaptcha:\n    key: \" \"\n", "3:10", "providers.ucaptcha.key", "expected a non-blank API key"),
                row("key-is-a-list.yml", "providers:\n  ucaptcha:\n    key: [a]\n", "3:10", "providers.ucaptcha.key", "expected the API key as text"),
                row("key-is-a-number.yml", "providers:\n  ucaptcha:\n    key: 4041\n", "3:10", "providers.ucaptcha.key", "expected the API key as text"),
                row("type-is-a-number.yml", "providers:\n  main:\n    type: 2\n    key: abc\n", "3:11", "providers.main.type", "expected a provider type such as ucaptcha"),
                row("unknown-type.yml", "providers:\n  main:\n    type: ucaptch\n    key: abc\n", "3:11", "providers.main.type", "did you mean 'ucaptcha'?"),
                row("generic-without-url.yml", "providers:\n  r:\n    type: generic\n    key: abc\n", "2:3", "providers.r", "missing required key 'baseUrl'"),
                row("url-malformed.yml", KEY + "    baseUrl: \"http://x y/\"\n", "4:14", "providers.ucaptcha.baseUrl", "expected an absolute http or https URL"),
                row("url-not-http.yml", KEY + "    baseUrl: ftp://x.example\n", "4:14", "providers.ucaptcha.baseUrl", "expected an absolute http or https URL"),
                row("url-relative.yml", KEY + "    baseUrl: /api\n", "4:14", "providers.ucaptcha.baseUrl", "expected an absolute http or https URL"),
                row("timeout-number.yml", KEY + "    timeout: 10\n", "4:14", "providers.ucaptcha.timeout", "expected a positive duration"),
                row("timeout-zero.yml", KEY + "    timeout: 0s\n", "4:14", "providers.ucaptcha.timeout", "expected a positive duration"),
                row("timeout-negative.yml", KEY + "    timeout: -5s\n", "4:14", "providers.ucaptcha.timeout", "expected a positive duration"),
                row("timeout-overflow.yml", KEY + "    timeout: 99999999999999999999s\n", "4:14", "providers.ucaptcha.timeout",
                        "too large"),
                row("timeout-overflow-days.yml", KEY + "    timeout: 9999999999999999d\n", "4:14", "providers.ucaptcha.timeout",
                        "too large"),
                row("options-is-a-list.yml", KEY + "    options: [a]\n", "4:14", "providers.ucaptcha.options", "expected a mapping"),
                row("option-is-a-list.yml", "providers:\n  capsolver:\n    key: abc\n    options: { appId: [a] }\n", "4:23",
                        "providers.capsolver.options.appId", "expected a text value"),
                row("unset-variable.yml", "providers:\n  ucaptcha:\n    key: ${NOT_SET_ANYWHERE}\n", "3:10", "providers.ucaptcha.key",
                        "environment variable NOT_SET_ANYWHERE is not set"),
                // reporter
                row("group-commit-negative.yml", KEY + "reporter:\n  groupCommit: -PT5S\n", "5:16", "reporter.groupCommit",
                        "expected a duration of 0ms or more"),
                row("group-commit-text.yml", KEY + "reporter:\n  groupCommit: soon\n", "5:16", "reporter.groupCommit", "expected a duration"),
                row("group-commit-number.yml", KEY + "reporter:\n  groupCommit: 5\n", "5:16", "reporter.groupCommit", "expected a duration"),
                row("group-commit-too-long.yml", KEY + "reporter:\n  groupCommit: 2h\n", "5:16", "reporter.groupCommit", "at most 1s"),
                row("close-timeout-overflow.yml", KEY + "reporter:\n  closeTimeout: 9999999999999999d\n", "5:17", "reporter.closeTimeout",
                        "too large"),
                row("close-timeout-too-long.yml", KEY + "reporter:\n  closeTimeout: 2d\n", "5:17", "reporter.closeTimeout",
                        "expected a duration of at most 1d"),
                row("close-timeout-past-nanos.yml", KEY + "reporter:\n  closeTimeout: 999999d\n", "5:17", "reporter.closeTimeout",
                        "too large"),
                row("close-timeout-zero.yml", KEY + "reporter:\n  closeTimeout: 0s\n", "5:17", "reporter.closeTimeout",
                        "expected a positive duration"),
                row("max-concurrency-zero.yml", KEY + "reporter:\n  maxConcurrency: 0\n", "5:19", "reporter.maxConcurrency",
                        "expected a whole number from 1 to 10000"),
                row("max-concurrency-text.yml", KEY + "reporter:\n  maxConcurrency: many\n", "5:19", "reporter.maxConcurrency",
                        "expected a whole number"),
                row("max-concurrency-overflow.yml", KEY + "reporter:\n  maxConcurrency: 99999999999999999999\n", "5:19",
                        "reporter.maxConcurrency", "expected a whole number"),
                row("dry-run-maybe.yml", KEY + "reporter:\n  dryRun: maybe\n", "5:11", "reporter.dryRun", "expected true or false"),
                row("commit-mode-unknown.yml", KEY + "reporter:\n  commitMode: later\n", "5:15", "reporter.commitMode",
                        "unknown value 'later'; expected one of: group, sync"),
                row("reporter-is-a-list.yml", KEY + "reporter: [a]\n", "4:11", "reporter", "expected a mapping"),
                row("inverted-backoffs.yml", KEY + "reporter:\n  retry: { initialBackoff: 10s, maxBackoff: 1s }\n", "5:10",
                        "reporter.retry", "maxBackoff 1s is shorter than initialBackoff 10s"),
                row("jitter-too-large.yml", KEY + "reporter:\n  retry: { jitter: 2 }\n", "5:20", "reporter.retry.jitter",
                        "expected a number from 0.0 to 1.0"),
                row("max-duration-negative.yml", KEY + "reporter:\n  retry: { maxDuration: -1s }\n", "5:25",
                        "reporter.retry.maxDuration", "expected a duration such as 10s"),
                row("max-duration-zero.yml", KEY + "reporter:\n  retry: { maxDuration: 0s }\n", "5:25",
                        "reporter.retry.maxDuration", "expected a positive duration"),
                row("threshold-zero.yml", KEY + "reporter:\n  breaker: { rejectionThreshold: 0 }\n", "5:34",
                        "reporter.breaker.rejectionThreshold", "expected a share above 0 and at most 1"),
                row("threshold-too-large.yml", KEY + "reporter:\n  breaker: { rejectionThreshold: 1.5 }\n", "5:34",
                        "reporter.breaker.rejectionThreshold", "expected a number from 0.0 to 1.0"),
                row("minimum-reports-zero.yml", KEY + "reporter:\n  breaker: { minimumReports: 0 }\n", "5:30",
                        "reporter.breaker.minimumReports", "expected a whole number from 1"),
                row("pause-zero.yml", KEY + "reporter:\n  breaker: { pause: 0s }\n", "5:21", "reporter.breaker.pause",
                        "expected a positive duration"),
                row("window-number.yml", KEY + "reporter:\n  breaker: { window: 10 }\n", "5:22", "reporter.breaker.window",
                        "expected a duration"),
                row("breaker-enabled-perhaps.yml", KEY + "reporter:\n  breaker: { enabled: perhaps }\n", "5:23",
                        "reporter.breaker.enabled", "expected true or false"),
                row("outbox-is-a-file.yml", KEY + "reporter:\n  outbox: \"" + OUTBOX_FILE + "\"\n", "5:11", "reporter.outbox",
                        "is a file; expected a directory"),
                row("outbox-is-a-number.yml", KEY + "reporter:\n  outbox: 5\n", "5:11", "reporter.outbox", "expected a text value"),
                row("verdict-report-is-a-list.yml", KEY + "reporter:\n  verdictReport: [a]\n", "5:18", "reporter.verdictReport",
                        "expected a text value"),
                // rules
                row("rule-timeout-overflow.yml", KEY + "rules:\n  - site: \"shop.example\"\n    timeout: 99999999999999999999s\n"
                        + "    rules: [ { name: r, when: { widgetReset: {} }, verdict: ACCEPTED } ]\n", "6:14", "rules[0].timeout", "too large"),
                row("rule-site-glob-space.yml", KEY + "rules:\n  - site: \"https://x y/\"\n"
                        + "    rules: [ { name: r, when: { widgetReset: {} }, verdict: ACCEPTED } ]\n", "5:11", "rules[0].site", "space"),
                row("rule-bad-regex.yml", KEY + "rules:\n  - site: \"shop.example\"\n"
                        + "    rules: [ { name: r, when: { response: { urlRegex: \"(\" } }, verdict: ACCEPTED } ]\n", "6:", "rules[0].rules[0].when.response.urlRegex",
                        "regular expression")));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void everyMalformedInputIsATypedErrorWithItsLocationAndTheExpectedForm(String name, Object content, String at,
            String path, String problem) throws IOException {
        Path file = dir.resolve(name);
        if (content instanceof byte[] bytes) {
            Files.write(file, bytes);
        } else {
            Path outboxFile = dir.resolve("outbox-file");
            Files.writeString(outboxFile, "not a directory");
            Files.writeString(file, ((String) content).replace(OUTBOX_FILE, outboxFile.toString()), StandardCharsets.UTF_8);
        }

        Throwable thrown = catchThrowable(() -> {
            CaptchaFeedbackConfig config = isolated().file(file).build();
            try (CaptchaFeedback feedback = CaptchaFeedback.builder().config(config).outbox(dir.resolve("outbox-" + name))
                    .build()) {
                assertThat(feedback).as("accepted silently").isNull();
            }
        });

        assertThat(thrown).as(name).isInstanceOf(ConfigException.class);
        ConfigException e = (ConfigException) thrown;
        String location = file + ":" + at;
        assertThat(e.getMessage()).as(name).startsWith(location);
        assertThat(e.path()).as(name).isEqualTo(path);
        assertThat(e.problem()).as(name).contains(problem);
        assertThat(e.line()).as(name + ": a line").isPositive();
    }
}
