package io.captchafeedback.report;

import static io.captchafeedback.report.ReporterFixture.accepted;
import static io.captchafeedback.report.ReporterFixture.rejected;
import static io.captchafeedback.report.ReporterFixture.result;
import static io.captchafeedback.report.ReporterFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captchafeedback.spi.MutableClock;
import io.captchafeedback.verdictreport.VerdictReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The breaker against false complaints: a burst of rejections on one site holds its later negative reports
 * in the outbox until it closes or the user releases or discards them; nothing is dropped without a count.
 */
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

                    @Override
                    public void onHeld(io.captchafeedback.task.Feedback feedback, String site) {
                        events.add("held " + feedback.task().taskId());
                    }
                }));
    }

    @Test
    void aBurstOfRejectionsOpensTheBreakerWhichHoldsLaterNegativeReportsAndSendsThemWhenItCloses() {
        FeedbackReporter reporter = reporter(Duration.ofMillis(700));
        result(reporter.report(task("ok-1", "shop.example"), accepted()));
        for (int i = 0; i < 8; i++) {
            assertThat(result(reporter.report(task("bad-" + i, "shop.example"), rejected())))
                    .isEqualTo(DeliveryStatus.DELIVERED);
        }

        // the 10th verdict: 9 of 10 rejected, over the 0.8 threshold; it and the next are held, not dropped
        ReportHandle held8 = reporter.report(task("bad-8", "shop.example"), rejected());
        ReportHandle held9 = reporter.report(task("bad-9", "shop.example"), rejected());
        assertThat(events).containsExactly("opened stub shop.example 0.9", "held bad-8", "held bad-9");
        assertThat(result(reporter.report(task("ok-2", "shop.example"), accepted()))).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(result(reporter.report(task("other-1", "other.example"), rejected()))).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(held8.result()).isNotDone();
        assertThat(provider.recorded()).doesNotContain("bad-8", "bad-9");
        assertThat(reporter.statistics().bySite().get("shop.example").held()).isEqualTo(2);

        // when it closes, what it held is sent
        assertThat(result(held8)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(result(held9)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(events).contains("closed stub shop.example");
        assertThat(provider.recorded()).contains("bad-8", "bad-9");
        assertThat(result(reporter.report(task("bad-10", "shop.example"), rejected()))).isEqualTo(DeliveryStatus.DELIVERED);
        ReporterStatistics.Counts site = reporter.statistics().bySite().get("shop.example");
        assertThat(site.delivered()).isEqualTo(13);
        assertThat(site.suppressed()).isZero();
    }

    @Test
    void negativeReportsDecidedBeforeTheBreakerOpenedAreSentEvenWhenTheirRetryComesAfter() {
        provider.down(true);
        FeedbackReporter reporter = reporter(Duration.ofMinutes(10));
        List<ReportHandle> handles = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            handles.add(reporter.report(task("early-" + i, "shop.example"), rejected()));
        }
        assertThat(events).contains("opened stub shop.example 1.0");
        provider.down(false);

        // the first nine were decided before the breaker opened: their retries go through
        for (int i = 0; i < 9; i++) {
            assertThat(result(handles.get(i))).as("early-" + i).isEqualTo(DeliveryStatus.DELIVERED);
        }
        // the rest wait in the outbox, counted, until the user decides
        assertThat(reporter.statistics().total().held()).isEqualTo(21);
        assertThat(handles.get(9).result()).isNotDone();
    }

    @Test
    void releaseSendsTheHeldReportsAtOnceAndDiscardDropsThemCounted() {
        FeedbackReporter reporter = reporter(Duration.ofMinutes(10));
        List<ReportHandle> shop = new java.util.ArrayList<>();
        List<ReportHandle> other = new java.util.ArrayList<>();
        for (int i = 0; i < 14; i++) {
            shop.add(reporter.report(task("s-" + i, "shop.example"), rejected()));
            other.add(reporter.report(task("o-" + i, "other.example"), rejected()));
        }
        assertThat(reporter.statistics().total().held()).isEqualTo(2 * 5);
        assertThat(shop.get(13).held()).isTrue();
        assertThat(shop.get(13).toString()).endsWith("result=HELD]");
        VerdictReport report = VerdictReport.create();
        for (int i = 0; i < 14; i++) {
            report.record(task("s-" + i, "shop.example"), rejected(), shop.get(i));
        }
        await().atMost(ReporterFixture.WAIT).until(() -> report.snapshot().total().delivered() == 9);
        VerdictReport.Snapshot snapshot = report.snapshot();
        assertThat(snapshot.total().count(DeliveryStatus.HELD)).isEqualTo(5);
        assertThat(snapshot.bySite().get("shop.example").count(DeliveryStatus.HELD)).isEqualTo(5);
        assertThat(snapshot.verdicts().get(13).delivery().status()).isEqualTo(DeliveryStatus.HELD);
        assertThat(report.toHtml()).contains("held / uncertain");

        assertThat(reporter.release("stub", "shop.example")).isEqualTo(5);
        assertThat(reporter.discard("stub", "other.example")).isEqualTo(5);

        ReporterFixture.assertAll(shop, DeliveryStatus.DELIVERED);
        for (int i = 0; i < 9; i++) {
            assertThat(result(other.get(i))).isEqualTo(DeliveryStatus.DELIVERED);
        }
        for (int i = 9; i < 14; i++) {
            assertThat(result(other.get(i))).isEqualTo(DeliveryStatus.SUPPRESSED);
        }
        assertThat(provider.recorded()).contains("s-13").doesNotContain("o-9", "o-13");
        ReporterStatistics.Counts total = reporter.statistics().total();
        assertThat(total.delivered() + total.suppressed()).as("nothing dropped without a count").isEqualTo(28);
        assertThat(total.suppressed()).isEqualTo(5);
        assertThat(reporter.release("stub", "shop.example")).isZero();
    }

    @Test
    void heldReportsWhoseWindowClosedDuringThePauseExpireCountedInsteadOfBeingSent() {
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, provider.baseUrl(), Duration.ofMillis(1500))
                .breaker(BreakerPolicy.builder().withWindow(Duration.ofMinutes(1)).withMinimumReports(10)
                        .withRejectionThreshold(0.8).withPause(Duration.ofMillis(2500)).build()));
        List<ReportHandle> handles = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            handles.add(reporter.report(task("late-" + i, "shop.example"), rejected()));
        }

        for (int i = 9; i < 12; i++) {
            assertThat(result(handles.get(i))).isEqualTo(DeliveryStatus.EXPIRED);
        }
        ReporterStatistics.Counts total = reporter.statistics().total();
        assertThat(total.held()).isEqualTo(3);
        assertThat(total.expired()).isEqualTo(3);
        assertThat(total.delivered()).isEqualTo(9);
        assertThat(provider.recorded()).doesNotContain("late-9", "late-10", "late-11");
    }

    @Test
    void theBreakersPauseRunsOnTheReportersClock() {
        MutableClock clock = new MutableClock(Instant.now());
        FeedbackReporter reporter = fixture.open(fixture.builder(outbox, provider.baseUrl()).clock(clock)
                .breaker(BreakerPolicy.builder().withWindow(Duration.ofMinutes(1)).withMinimumReports(10)
                        .withRejectionThreshold(0.8).withPause(Duration.ofHours(1)).build()));
        List<ReportHandle> handles = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            handles.add(reporter.report(task("clock-" + i, "shop.example"), rejected()));
        }
        assertThat(handles.get(11).held()).isTrue();

        clock.advance(Duration.ofMinutes(61)); // an hour passes on the reporter's clock, a moment in real time

        ReporterFixture.assertAll(handles, DeliveryStatus.DELIVERED);
        assertThat(provider.recorded()).contains("clock-9", "clock-10", "clock-11");
    }

    @Test
    void reportsHeldWhenTheReporterStoppedAreHeldAgainAtTheNextStartForAPause() {
        FeedbackReporter first = reporter(Duration.ofMinutes(10));
        for (int i = 0; i < 12; i++) {
            first.report(task("again-" + i, "shop.example"), rejected());
        }
        await().atMost(ReporterFixture.WAIT).until(() -> provider.recorded().size() == 9);
        first.close();
        events.clear();

        FeedbackReporter second = reporter(Duration.ofMillis(700));

        assertThat(second.statistics().total().held()).isEqualTo(3);
        assertThat(events).contains("opened stub shop.example 1.0");
        assertThat(provider.recorded()).doesNotContain("again-9", "again-10", "again-11");
        // decided once their done records are on disk, just after the provider answered
        await().atMost(ReporterFixture.WAIT).until(() -> second.statistics().total().delivered() == 3);
        assertThat(provider.recorded()).contains("again-9", "again-10", "again-11");
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
