package io.captchafeedback.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.verdictreport.VerdictReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --solve}: the demo lets captcha-feedback find each widget and buy its token from the emulated
 * provider (createTask/getTaskResult) instead of making the tokens, on both engines, for a few pages.
 */
class DemoSolveTest {

    static final String PAGES = "recaptcha-v2/redirect,recaptcha-v3/inline-error,hcaptcha/redirect,turnstile/inline-error,funcaptcha/redirect";

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void withSolveEveryRowIsAsExpectedAndTheReportShowsTheSolvesPerProvider() throws Exception {
        Path reportDir = DemoRuns.reportDir();
        DemoRuns.Captured run = DemoRuns.run("--non-interactive", "--solve", "--pages", PAGES,
                "--report-dir", reportDir.toString());

        assertThat(run.result().exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("All 20 rows as expected").doesNotContain("WRONG");

        JsonNode report = new ObjectMapper().readTree(Files.readString(reportDir.resolve(VerdictReport.JSON_FILE)));
        JsonNode solving = report.get("solving");
        assertThat(solving).as("solving section of %s", reportDir).isNotNull();
        long attempts = 0;
        long accepted = 0;
        for (JsonNode provider : solving) {
            attempts += provider.get("attempts").asLong();
            accepted += provider.get("accepted").asLong();
        }
        assertThat(attempts).as("one solve per flow").isEqualTo(20);
        assertThat(accepted).as("the good-token flows' tokens were accepted").isEqualTo(10);
    }

    @Test
    void solveIsAFlagAndCannotBeCombinedWithARealConfiguration() throws Exception {
        assertThat(DemoOptions.parse(List.of("--solve"), Map.of(), false).solve()).isTrue();
        assertThat(DemoOptions.parse(List.of(), Map.of(), false).solve()).isFalse();
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--solve=yes"), Map.of(), false))
                .hasMessage("option --solve takes no value");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--solve", "--config", "x.yml"), Map.of(), false))
                .hasMessageStartingWith("--solve works with the local emulator only");
    }
}
