package io.captchafeedback.verdictreport;

import static io.captchafeedback.report.ReporterFixture.accepted;
import static io.captchafeedback.report.ReporterFixture.rejected;
import static io.captchafeedback.report.ReporterFixture.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.RecordingProvider;
import io.captchafeedback.report.ReporterFixture;
import io.captchafeedback.solve.SolveFigures;
import io.captchafeedback.solve.SolveStatistics;
import io.captchafeedback.task.SolvedTask;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The verdict report shows, per provider, the solver's figures and how the sites took the tokens it solved. */
class SolveFiguresInVerdictReportTest {

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path dir;

    @Test
    void theReportersStatisticsAndItsVerdictReportShowTheSolveFiguresPerProvider() throws Exception {
        try (RecordingProvider provider = RecordingProvider.start()) {
            Path reportDir = dir.resolve("report");
            FeedbackReporter reporter = fixture.open(fixture.builder(dir.resolve("outbox"), provider.baseUrl())
                    .verdictReport(reportDir));
            SolveStatistics stats = new SolveStatistics();
            assertThat(reporter.solveStatistics(stats)).isSameAs(reporter);
            SolvedTask good = task("s-good");
            SolvedTask bad = task("s-bad");
            stats.attempted(good.providerId());
            stats.attempted(bad.providerId());
            stats.solved(good, Duration.ofSeconds(12));
            stats.solved(bad, Duration.ofSeconds(4));

            reporter.report(good, accepted()).result().get(10, java.util.concurrent.TimeUnit.SECONDS);
            reporter.report(bad, rejected()).result().get(10, java.util.concurrent.TimeUnit.SECONDS);
            reporter.report(task("user-made"), accepted()).result().get(10, java.util.concurrent.TimeUnit.SECONDS);

            SolveFigures f = reporter.statistics().solving().get(good.providerId());
            assertThat(f.attempts()).isEqualTo(2);
            assertThat(f.accepted()).isEqualTo(1);
            assertThat(f.rejectedCaptcha()).isEqualTo(1);
            assertThat(f.averageSolveTimeAccepted()).isEqualTo(Duration.ofSeconds(12));
            reporter.close();
            JsonNode json = new ObjectMapper().readTree(java.nio.file.Files.readString(reportDir.resolve(VerdictReport.JSON_FILE)));
            assertThat(json.get("solving").get(0).get("accepted").asLong()).isEqualTo(1);
        }
    }

    @Test
    void solveTimesAndOutcomesPerProviderAppearInTheFiguresTheJsonAndTheHtml() throws Exception {
        SolveStatistics stats = new SolveStatistics();
        VerdictReport report = VerdictReport.create().solveStatistics(stats);
        SolvedTask fast = task("fast");
        SolvedTask slow = task("slow");
        SolvedTask bad = task("bad");
        SolvedTask notSolvedHere = task("user-made");
        for (SolvedTask t : new SolvedTask[] {fast, slow, bad}) {
            stats.attempted(t.providerId());
        }
        stats.solved(fast, Duration.ofSeconds(10));
        stats.solved(slow, Duration.ofSeconds(30));
        stats.solved(bad, Duration.ofSeconds(50));

        report.record(fast, accepted(), ReporterFixture.decided("p/fast", DeliveryStatus.DRY_RUN, "dry run"));
        report.record(slow, accepted(), ReporterFixture.decided("p/slow", DeliveryStatus.DRY_RUN, "dry run"));
        report.record(bad, rejected(), ReporterFixture.decided("p/bad", DeliveryStatus.DRY_RUN, "dry run"));
        report.record(notSolvedHere, accepted(), ReporterFixture.decided("p/u", DeliveryStatus.DRY_RUN, "dry run"));

        SolveFigures f = report.solving().get(fast.providerId());
        assertThat(f.attempts()).isEqualTo(3);
        assertThat(f.solved()).isEqualTo(3);
        assertThat(f.accepted()).as("only tokens this solver bought").isEqualTo(2);
        assertThat(f.rejectedCaptcha()).isEqualTo(1);
        assertThat(f.averageSolveTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(f.averageSolveTimeAccepted()).isEqualTo(Duration.ofSeconds(20));
        assertThat(f.maxSolveTime()).isEqualTo(Duration.ofSeconds(50));

        JsonNode solving = new ObjectMapper().readTree(report.toJson()).get("solving").get(0);
        assertThat(solving.get("provider").asText()).isEqualTo(fast.providerId());
        assertThat(solving.get("averageSolveTimeAcceptedMillis").asDouble()).isEqualTo(20_000.0);
        assertThat(report.toHtml()).contains("<section id=\"solving\">");
    }

    @Test
    void withoutSolveStatisticsTheReportHasNoSolvingSection() {
        VerdictReport report = VerdictReport.create();
        report.record(task("t"), accepted(), ReporterFixture.decided("p/t", DeliveryStatus.DRY_RUN, "dry run"));
        assertThat(report.solving()).isEmpty();
        assertThat(report.toJson()).doesNotContain("\"solving\"");
        assertThat(report.toHtml()).doesNotContain("id=\"solving\"");
    }
}
