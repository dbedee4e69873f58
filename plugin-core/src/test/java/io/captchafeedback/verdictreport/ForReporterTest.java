package io.captchafeedback.verdictreport;

import static io.captchafeedback.report.ReporterFixture.accepted;
import static io.captchafeedback.report.ReporterFixture.await;
import static io.captchafeedback.report.ReporterFixture.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.RecordingProvider;
import io.captchafeedback.report.ReporterFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** How a reporter built with {@code verdictReport(dir)} finds the verdict report without depending on it. */
class ForReporterTest {

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path dir;

    @Test
    void plugInCoreNamesTheVerdictReportAsTheOneRecorderOfItsReporters() {
        List<Class<?>> found = new ArrayList<>();
        ServiceLoader.load(FeedbackReporter.VerdictRecorder.Factory.class, FeedbackReporter.class.getClassLoader())
                .stream().forEach(p -> found.add(p.type()));
        assertThat(found).containsExactly(VerdictReport.ForReporter.class);
    }

    @Test
    void aReporterWhoseReportDirectoryCannotBeWrittenStillClosesAndDeliversEverything() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
        try (RecordingProvider provider = RecordingProvider.start()) {
            FeedbackReporter reporter = fixture.builder(dir.resolve("outbox"), provider.baseUrl())
                    .verdictReport(blocker.resolve("report")).build();
            DeliveryStatus status = await(reporter.report(task("w1"), accepted()).result());
            reporter.close();

            assertThat(status).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(provider.recorded()).containsExactly("w1");
            assertThat(blocker).hasContent("not a directory");
        }
    }
}
