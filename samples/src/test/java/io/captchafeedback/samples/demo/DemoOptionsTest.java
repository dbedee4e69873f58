package io.captchafeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo's command line: defaults, every option, and bad input answered with a message, the usage and exit 2. */
class DemoOptionsTest {

    static DemoOptions parse(Map<String, String> env, boolean console, String... args) throws Exception {
        return DemoOptions.parse(List.of(args), env, console);
    }

    @Test
    void defaultsToBothEnginesEveryPageAndAnInteractiveRunOnAConsole() throws Exception {
        DemoOptions options = parse(Map.of(), true);
        assertThat(options.interactive()).isTrue();
        assertThat(options.engines()).containsExactlyInAnyOrder(Engine.SELENIUM, Engine.PLAYWRIGHT);
        assertThat(options.selectedPages()).hasSize(48);
        assertThat(options.config()).isNull();
        assertThat(options.reportDir()).isEqualTo(DemoOptions.DEFAULT_REPORT_DIR);
        assertThat(options.parallel()).isEqualTo(DemoOptions.DEFAULT_PARALLEL);
    }

    @Test
    void isNonInteractiveWithoutAConsoleOnCiOrWhenAsked() throws Exception {
        assertThat(parse(Map.of(), false).interactive()).isFalse();
        assertThat(parse(Map.of("CI", "true"), true).interactive()).isFalse();
        assertThat(parse(Map.of(), true, "--non-interactive").interactive()).isFalse();
    }

    @Test
    void takesEveryOptionWithASpaceOrAnEqualsSign() throws Exception {
        DemoOptions options = parse(Map.of(), false, "--engines", "playwright", "--pages=recaptcha-v2/*,*/silent",
                "--config", "my.yml", "--report-dir=out/report", "--parallel", "3");
        assertThat(options.engines()).containsExactly(Engine.PLAYWRIGHT);
        assertThat(options.selectedPages()).hasSize(8 + 5)
                .allSatisfy(p -> assertThat(p.path()).matches("/recaptcha-v2/.*|/.*/silent"));
        assertThat(options.config()).isEqualTo(Path.of("my.yml"));
        assertThat(options.reportDir()).isEqualTo(Path.of("out/report"));
        assertThat(options.parallel()).isEqualTo(3);
        assertThat(parse(Map.of(), false, "--pages", "/hcaptcha/redirect").selectedPages())
                .singleElement().hasToString("/hcaptcha/redirect");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "--bogus                       | unknown option '--bogus'",
            "extra                         | unexpected argument 'extra'",
            "--engines firefox             | --engines: unknown engine 'firefox'",
            "--engines                     | option --engines needs a value",
            "--pages nothing/here          | --pages: 'nothing/here' matches no demo page",
            "--parallel 0                  | --parallel: expected a number from 1 to 8, got '0'",
            "--parallel many               | --parallel: expected a number from 1 to 8, got 'many'",
            "--config                      | option --config needs a value",
            "--non-interactive=yes         | option --non-interactive takes no value",
    })
    void rejectsABadCommandLineWithAMessageTheUsageAndExitStatus2(String args, String message) {
        DemoRuns.Captured run = DemoRuns.run(args.split(" "));
        assertThat(run.result().exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("demo: " + message).contains("Usage: ./run-demo.sh")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
        assertThatThrownBy(() -> parse(Map.of(), false, args.split(" "))).hasMessageStartingWith(message);
    }

    @Test
    void namesAConfigurationFileThatCannotBeReadAndExitsWith2() {
        DemoRuns.Captured run = DemoRuns.run("--non-interactive", "--config", "target/no-such-captcha-feedback.yml");
        assertThat(run.result().exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("demo: bad configuration: ").contains("no-such-captcha-feedback.yml")
                .doesNotContain("\tat ");
    }

    @Test
    void printsItsHelpAndExitsWith0() {
        DemoRuns.Captured run = DemoRuns.run("--help");
        assertThat(run.result().exitCode()).isZero();
        assertThat(run.out()).contains("--non-interactive", "--engines", "--pages", "--config", "--report-dir",
                "spending a solve");
    }
}
