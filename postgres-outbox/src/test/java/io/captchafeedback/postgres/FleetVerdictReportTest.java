package io.captchafeedback.postgres;

import io.captchafeedback.testkit.RecordingProvider;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Outcome;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.ReportHandle;
import io.captchafeedback.verdictreport.VerdictReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FleetVerdictReportTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoWorkersReportingOverlappingTasksGiveOneFleetReportWithEachTaskOnceAndNoToken(@TempDir Path dir)
            throws Exception {
        try (PostgresServer db = PostgresServer.start(); RecordingProvider provider = RecordingProvider.start();
                ProviderRegistry registry = FleetWorker.registry(provider.baseUrl())) {
            List<FeedbackReporter> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(FeedbackReporter.builder().registry(registry).breaker(BreakerPolicy.disabled())
                        .sharedOutbox(PostgresOutbox.builder(db.dataSource()).lease(Duration.ofSeconds(5)).build()).build());
            }
            List<ReportHandle> handles = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                for (FeedbackReporter worker : workers) {
                    if (i < 20 || worker == workers.get(1)) { // tasks 0..19 reported by both, 20..29 by one
                        handles.add(worker.report(FleetWorker.task("r-" + i),
                                FleetWorker.verdict(i % 2 == 0 ? Outcome.ACCEPTED : Outcome.REJECTED_CAPTCHA)));
                    }
                }
            }
            long duplicates = 0;
            for (ReportHandle h : handles) {
                DeliveryStatus status = h.delivery().get(20, TimeUnit.SECONDS).status();
                assertThat(status).isIn(DeliveryStatus.DELIVERED, DeliveryStatus.DUPLICATE);
                duplicates += status == DeliveryStatus.DUPLICATE ? 1 : 0;
            }
            assertThat(duplicates).isEqualTo(20);
            workers.forEach(FeedbackReporter::close);

            VerdictReport report = FleetVerdictReport.read(db.dataSource());
            VerdictReport.Snapshot snapshot = report.snapshot();
            assertThat(snapshot.total().verdicts()).isEqualTo(30);
            assertThat(snapshot.total().accepted()).isEqualTo(15);
            assertThat(snapshot.total().rejectedCaptcha()).isEqualTo(15);
            assertThat(snapshot.total().deliveries()).containsEntry(DeliveryStatus.DELIVERED, 30L);
            VerdictReport.Written files = report.write(dir.resolve("fleet-report"));
            String json = Files.readString(files.json());
            assertThat(json).contains("r-29").doesNotContain("03AGdBq2-token-").doesNotContain("fleet-test-key");
            assertThat(Files.readString(files.html())).contains("site0.example");
        }
    }
}
