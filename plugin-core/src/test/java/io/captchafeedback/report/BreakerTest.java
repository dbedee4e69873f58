package io.captchafeedback.report;

import static io.captchafeedback.report.ReporterFixture.accepted;
import static io.captchafeedback.report.ReporterFixture.rejected;
import static io.captchafeedback.report.ReporterFixture.result;
import static io.captchafeedback.report.ReporterFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The breaker against false complaints: a burst of rejections on one site pauses its negative reports. */
class BreakerTest {
    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path outbox;

    private RecordingProvider provider;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startProvider() throws Exception {
        provider = RecordingProvider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    private FeedbackReporter reporter(Duration pause) {
        return fixture.open(fixture.builder(outbox, provider.baseUrl())
                .breaker(BreakerPolicy.builder().withWindow(Duration.ofMinutes(1)).withMinimumReports(10)
                        .withRejectionThreshold(0.8).withPause(pause).build())
                .listener(new ReportListener() {
                    @Override
                    public void onBreakerOpened(String providerId, String site, double rejectionRate) {
                        events.add("opened " + providerId + " " + site + " " + rejectionRate);
                    }

                    @Override
                    public void onBreakerClosed(String providerId, String site) {
                        events.add("closed " + providerId + " " + site);
                    }
                }));
    }

    @Test
    void aBurstOfRejectionsOnOneSiteOpensItsBreakerWhichClosesAgainOnItsOwn() {
        FeedbackReporter reporter = reporter(Duration.ofMillis(700));
        result(reporter.report(task("ok-1", "shop.example"), accepted()));
        for (int i = 0; i < 8; i++) {
            assertThat(result(reporter.report(task("bad-" + i, "shop.example"), rejected())))
                    .isEqualTo(DeliveryStatus.DELIVERED);
        }

        // the 10th verdict: 9 of 10 rejected, over the 0.8 threshold
        assertThat(result(reporter.report(task("bad-8", "shop.example"), rejected()))).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(events).containsExactly("opened stub shop.example 0.9");

        assertThat(result(reporter.report(task("bad-9", "shop.example"), rejected()))).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(result(reporter.report(task("ok-2", "shop.example"), accepted()))).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(result(reporter.report(task("other-1", "other.example"), rejected()))).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(provider.recorded()).doesNotContain("bad-8", "bad-9");
        assertThat(reporter.statistics().bySite().get("shop.example").suppressed()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("closed stub shop.example"));
        assertThat(result(reporter.report(task("bad-10", "shop.example"), rejected()))).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(provider.recorded()).contains("bad-10");
    }

    @Test
    void staysClosedWhileRejectionsAreBelowTheThreshold() {
        FeedbackReporter reporter = reporter(Duration.ofMinutes(1));
        for (int i = 0; i < 30; i++) {
            result(reporter.report(task("mix-" + i, "shop.example"), i % 2 == 0 ? rejected() : accepted()));
        }

        assertThat(events).isEmpty();
        assertThat(provider.recorded()).hasSize(30);
    }
}
