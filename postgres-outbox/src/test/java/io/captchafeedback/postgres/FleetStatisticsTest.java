package io.captchafeedback.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.micrometer.CaptchaFeedbackMetrics;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Outcome;
import io.captchafeedback.task.SolvedTask;
import io.captchafeedback.task.Verdict;
import io.captchafeedback.provider.ApiKey;
import io.captchafeedback.provider.ProviderRegistry;
import io.captchafeedback.provider.ProviderSettings;
import io.captchafeedback.report.BreakerPolicy;
import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.FeedbackReporter;
import io.captchafeedback.report.FleetStatistics;
import io.captchafeedback.report.ReportHandle;
import io.captchafeedback.report.RetryPolicy;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's statistics, read from the shared store by any worker, match what the provider emulator
 * recorded after three workers reported overlapping tasks; they stay the same when decided rows past their
 * retention are deleted (by two workers at once), since the deletion adds them to the stored sums.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FleetStatisticsTest {
    private static final String PROVIDER = "ucaptcha";

    @Test
    void threeWorkersFiguresFromTheStoreMatchTheProvidersAndSurviveTheCleanUpOfDecidedRows(@TempDir Path dir)
            throws Exception {
        try (PostgresServer db = PostgresServer.start(); ProviderEmulator emulator = ProviderEmulator.start();
                ProviderRegistry registry = ProviderRegistry.create(List.of(new ProviderSettings(PROVIDER, PROVIDER,
                        ApiKey.of(emulator.apiKey(PROVIDER)), emulator.baseUri(PROVIDER), Duration.ofSeconds(5),
                        Map.of())))) {
            emulator.faults().failNext(5, 503);
            List<PostgresOutbox> outboxes = new ArrayList<>();
            List<FeedbackReporter> workers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                PostgresOutbox outbox = PostgresOutbox.builder(db.dataSource()).worker("w" + w).build();
                outboxes.add(outbox);
                workers.add(FeedbackReporter.builder().registry(registry).breaker(BreakerPolicy.disabled())
                        .retry(RetryPolicy.builder().withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build())
                        .sharedOutbox(outbox).build());
            }
            List<SolvedTask> tasks = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                tasks.add(emulator.solve(PROVIDER, CaptchaType.RECAPTCHA_V2,
                        "https://" + (i % 2 == 0 ? "shop" : "login") + ".example/p", "site-key"));
            }
            List<ReportHandle> handles = new ArrayList<>();
            for (int w = 0; w < 3; w++) { // worker w reports tasks 20w .. 20w + 29: each overlaps the next
                for (int k = 0; k < 30; k++) {
                    int i = (20 * w + k) % 60;
                    Outcome outcome = i % 3 == 0 ? Outcome.REJECTED_CAPTCHA : i % 3 == 1 ? Outcome.ACCEPTED
                            : Outcome.REJECTED_OTHER; // the last sends nothing and is not stored
                    handles.add(workers.get(w).report(tasks.get(i), Verdict.of(outcome, Evidence.of("stats-rule"))));
                }
            }
            for (ReportHandle h : handles) {
                assertThat(h.delivery().get(30, TimeUnit.SECONDS).status())
                        .isIn(DeliveryStatus.DELIVERED, DeliveryStatus.DUPLICATE, DeliveryStatus.SKIPPED);
            }
            long recorded = emulator.feedback().stream().filter(ReceivedFeedback::recorded).count();
            assertThat(recorded).isEqualTo(40);

            FleetStatistics fleet = workers.get(0).fleetStatistics().orElseThrow();
            assertThat(fleet.total().delivered()).isEqualTo(recorded);
            assertThat(fleet.total().pending()).isZero();
            assertThat(fleet.byProvider().get(PROVIDER).delivered()).isEqualTo(recorded);
            assertThat(fleet.bySite().get("shop.example").delivered() + fleet.bySite().get("login.example").delivered())
                    .isEqualTo(recorded);
            assertThat(workers.stream().mapToLong(r -> r.statistics().total().delivered()).sum())
                    .as("the workers' own figures add up to the fleet's").isEqualTo(recorded);
            assertThat(workers.get(2).fleetStatistics()).contains(fleet);
            // the same figures as Micrometer gauges, and the fleet's depth
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new CaptchaFeedbackMetrics(meters).watch(workers.get(1)).watchFleet(workers.get(1), Duration.ZERO);
            assertThat(meters.get(CaptchaFeedbackMetrics.FLEET).tag("result", "delivered").gauge().value())
                    .isEqualTo(recorded);
            assertThat(meters.get(CaptchaFeedbackMetrics.FLEET).tag("result", "pending").gauge().value()).isZero();
            assertThat(meters.get(CaptchaFeedbackMetrics.DEPTH).gauge().value()).isZero();

            // rows past their retention are deleted by two workers at once: the figures neither drop nor double
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE captcha_feedback_outbox SET retain_until = 0 WHERE site = 'shop.example'");
            }
            CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> cleanUp(outboxes.get(0)));
            CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> cleanUp(outboxes.get(1)));
            CompletableFuture.allOf(one, two).get(20, TimeUnit.SECONDS);
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM captcha_feedback_outbox WHERE site = 'shop.example'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("deleted").isZero();
            }
            assertThat(workers.get(1).fleetStatistics()).contains(fleet);
            workers.forEach(FeedbackReporter::close);
        }
    }

    private static int cleanUp(PostgresOutbox outbox) {
        try {
            return outbox.cleanUpNow();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
