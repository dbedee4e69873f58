package io.captchafeedback.report;

import static io.captchafeedback.report.ReporterFixture.rejected;
import static io.captchafeedback.report.ReporterFixture.result;
import static io.captchafeedback.report.ReporterFixture.solvedAt;
import static io.captchafeedback.report.ReporterFixture.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.Feedback;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Report windows: what is past its provider's window is never sent and is counted as expired. */
class ExpiryTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path outbox;

    private RecordingProvider provider;
    private final List<Feedback> expired = new CopyOnWriteArrayList<>();
    private final ReportListener listener = new ReportListener() {
        @Override
        public void onExpired(Feedback feedback) {
            expired.add(feedback);
        }
    };

    @BeforeEach
    void startProvider() throws Exception {
        provider = RecordingProvider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void doesNotSendAFeedbackReportedAfterItsWindowAndCountsItExpired() {
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, provider.baseUrl(), WINDOW).listener(listener));

        ReportHandle late = reporter.report(solvedAt("late-1", Instant.now().minus(Duration.ofMinutes(2))), rejected());
        ReportHandle onTime = reporter.report(solvedAt("on-time-1", Instant.now().minusSeconds(10)), rejected());

        assertThat(result(late)).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(result(onTime)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(provider.recorded()).containsExactly("on-time-1");
        assertThat(expired).extracting(f -> f.task().taskId()).containsExactly("late-1");
        assertThat(reporter.statistics().total().expired()).isEqualTo(1);
    }

    @Test
    void dropsAFeedbackStillFailingWhenItsWindowCloses() {
        provider.down(true);
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, provider.baseUrl(), WINDOW).listener(listener));

        ReportHandle handle = reporter.report(solvedAt("closing-1", Instant.now().minus(WINDOW).plusMillis(800)), rejected());

        assertThat(result(handle)).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(provider.total()).isGreaterThan(1);
        assertThat(expired).hasSize(1);
        assertThat(reporter.statistics().byProvider().get(ReporterFixture.PROVIDER).expired()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void expiresAnEntryFoundInTheOutboxAfterItsWindowInsteadOfSendingIt() {
        provider.down(true);
        FeedbackReporter first = fixture.open(fixture.builder(outbox, provider.baseUrl(), WINDOW)
                .closeTimeout(Duration.ZERO));
        ReportHandle handle = first.report(task("restart-1"), rejected());
        ReporterFixture.await(handle.durable());
        // the first attempt must have reached the (down) provider before close, so that no request of the
        // first reporter is still on its way when the provider comes back
        org.awaitility.Awaitility.await().atMost(ReporterFixture.WAIT).until(() -> provider.total() >= 1);
        first.close();
        assertThat(result(handle)).isEqualTo(DeliveryStatus.KEPT);
        // a retry already on its way when the first reporter closed may still arrive: wait until none does
        int before = provider.total();
        for (int quiet = 0; quiet < 3; ) {
            sleep(150);
            int now = provider.total();
            quiet = now == before ? quiet + 1 : 0;
            before = now;
        }

        provider.down(false);
        Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        FeedbackReporter second = fixture.open(fixture.builder(outbox, provider.baseUrl(), WINDOW)
                .clock(twoHoursLater).listener(listener));

        org.awaitility.Awaitility.await().atMost(ReporterFixture.WAIT).until(() -> expired.size() == 1);
        assertThat(expired.get(0).task().taskId()).isEqualTo("restart-1");
        assertThat(second.statistics().total().expired()).isEqualTo(1);
        assertThat(provider.total()).isEqualTo(before);
    }
}
