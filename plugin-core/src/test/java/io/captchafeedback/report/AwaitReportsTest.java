package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.TaskVerdict;
import io.captchafeedback.task.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link TaskVerdict#awaitReports}, which the JUnit, TestNG and Cucumber integrations share (its handles are built here). */
class AwaitReportsTest {

    @Test
    void reportsNotDecidedWithinOneSharedTimeoutAreReturnedAndTheWaitStaysBounded() {
        TaskVerdict delivered = new TaskVerdict(ReporterFixture.task("done"), ReporterFixture.verdict(Outcome.ACCEPTED),
                ReportHandle.decided("p/done", DeliveryStatus.DRY_RUN, "dry run"));
        TaskVerdict stuck1 = new TaskVerdict(ReporterFixture.task("stuck-1"), ReporterFixture.verdict(Outcome.ACCEPTED),
                new ReportHandle("p/stuck-1", CompletableFuture.completedFuture(null), new CompletableFuture<>()));
        TaskVerdict stuck2 = new TaskVerdict(ReporterFixture.task("stuck-2"), ReporterFixture.verdict(Outcome.ACCEPTED),
                new ReportHandle("p/stuck-2", CompletableFuture.completedFuture(null), new CompletableFuture<>()));

        long start = System.nanoTime();
        List<TaskVerdict> late = TaskVerdict.awaitReports(List.of(stuck1, delivered, stuck2), Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(late).containsExactly(stuck1, stuck2);
        assertThat(took).as("one timeout for all, not one each").isLessThan(Duration.ofMillis(550));
    }

    @Test
    void aHeldReportCountsAsDecided() {
        TaskVerdict held = new TaskVerdict(ReporterFixture.task("held"), ReporterFixture.verdict(Outcome.REJECTED_CAPTCHA),
                new ReportHandle("p/held", CompletableFuture.completedFuture(null), new CompletableFuture<>(), () -> true));

        assertThat(TaskVerdict.awaitReports(List.of(held), Duration.ofSeconds(5))).isEmpty();
    }
}
