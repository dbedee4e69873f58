package io.captchafeedback.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Evidence;
import io.captchafeedback.task.Feedback;
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
import io.captchafeedback.report.ReportListener;
import io.captchafeedback.report.RetryPolicy;
import io.captchafeedback.testkit.emulator.ProviderEmulator;
import io.captchafeedback.testkit.emulator.ReceivedFeedback;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The breaker against false complaints counts the verdicts of the whole fleet: two reporters, each with its
 * own {@link PostgresOutbox} and connections, on one real PostgreSQL server and the testkit's provider
 * emulator (answering some requests with 503). Neither worker alone sees enough rejections to open it; the
 * fleet does, and once one worker opened it, the other sends no negative report until the pause ends, then
 * sends what it held, once each.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FleetBreakerTest {
    private static final String PROVIDER = "ucaptcha";
    private static final String SITE = "shop.example";
    /** Window 10 s (buckets of 1 s, exchanged every 0.5 s), 10 verdicts at least, 80 %, pause 4 s. */
    private static final BreakerPolicy POLICY = BreakerPolicy.builder().withWindow(Duration.ofSeconds(10))
            .withMinimumReports(10).withRejectionThreshold(0.8).withPause(Duration.ofSeconds(4)).build();

    private PostgresServer db;
    private ProviderEmulator emulator;
    private ProviderRegistry registry;
    private final List<FeedbackReporter> reporters = new ArrayList<>();

    @BeforeEach
    void start() {
        db = PostgresServer.start();
        emulator = ProviderEmulator.start();
        registry = ProviderRegistry.create(List.of(new ProviderSettings(PROVIDER, PROVIDER,
                ApiKey.of(emulator.apiKey(PROVIDER)), emulator.baseUri(PROVIDER), Duration.ofSeconds(5), Map.of())));
    }

    @AfterEach
    void stop() throws Exception {
        reporters.forEach(FeedbackReporter::close);
        registry.close();
        emulator.close();
        db.close();
    }

    /** A worker of the fleet and the breaker events its listener saw. */
    private record Worker(FeedbackReporter reporter, List<String> events) {
    }

    private Worker worker(String id) {
        List<String> events = new CopyOnWriteArrayList<>();
        FeedbackReporter reporter = FeedbackReporter.builder().registry(registry).breaker(POLICY)
                .retry(RetryPolicy.builder().withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build())
                .sharedOutbox(PostgresOutbox.builder(db.dataSource()).worker(id).lease(Duration.ofSeconds(5)).build())
                .listener(new ReportListener() {
                    @Override
                    public void onBreakerOpened(String providerId, String site, double rejectionRate) {
                        events.add("opened " + site);
                    }

                    @Override
                    public void onBreakerClosed(String providerId, String site) {
                        events.add("closed " + site);
                    }

                    @Override
                    public void onHeld(Feedback feedback, String site) {
                        events.add("held " + feedback.task().taskId());
                    }
                }).build();
        reporters.add(reporter);
        return new Worker(reporter, events);
    }

    private SolvedTask task() {
        return emulator.solve(PROVIDER, CaptchaType.RECAPTCHA_V2, "https://" + SITE + "/login", "site-key");
    }

    private static Verdict verdict(Outcome outcome) {
        return Verdict.of(outcome, Evidence.of("fleet-breaker-rule", Evidence.Observation.of("response", "POST /login")));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition, long millis) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            Thread.sleep(10);
        }
    }

    @Test
    void rejectionsOfTwoWorkersOpenTheBreakerOfBothAndTheOtherWorkerHoldsItsComplaintsUntilThePauseEnds()
            throws Exception {
        Worker a = worker("worker-a");
        Worker b = worker("worker-b");
        emulator.faults().failNext(3, 503); // retried: a provider fault is not a verdict
        List<ReportHandle> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // 5 + 4 rejections: under the minimum of 10, sent
            sent.add(a.reporter().report(task(), verdict(Outcome.REJECTED_CAPTCHA)));
            if (i < 4) {
                sent.add(b.reporter().report(task(), verdict(Outcome.REJECTED_CAPTCHA)));
            }
        }
        for (ReportHandle h : sent) {
            assertThat(h.delivery().get(20, TimeUnit.SECONDS).status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
        Thread.sleep(1_200); // two exchanges: each worker's breaker now counts the fleet's 9 verdicts
        assertThat(a.events()).isEmpty();

        // worker a's 6th rejection is the fleet's 10th verdict: a opens the breaker, and it holds that report
        SolvedTask tenth = task();
        ReportHandle tenthHandle = a.reporter().report(tenth, verdict(Outcome.REJECTED_CAPTCHA));
        assertThat(a.events()).first().isEqualTo("opened " + SITE); // at once, in report()
        await("held once stored", () -> a.events().contains("held " + tenth.taskId()), 5_000);
        assertThat(a.events()).containsExactly("opened " + SITE, "held " + tenth.taskId());
        await("worker b takes the fleet's opening on", () -> b.events().contains("opened " + SITE), 5_000);
        assertThat(b.reporter().statistics().total().rejected()).as("b alone saw too few to open").isEqualTo(4);
        long openUntil = storedOpenUntil();

        // complaints reported on worker b while the breaker that worker a opened is open are held
        List<ReportHandle> held = new ArrayList<>(List.of(tenthHandle));
        List<String> heldIds = new ArrayList<>(List.of(tenth.taskId()));
        for (int i = 0; i < 5; i++) {
            SolvedTask t = task();
            heldIds.add(t.taskId());
            held.add(b.reporter().report(t, verdict(Outcome.REJECTED_CAPTCHA)));
        }
        await("held", () -> held.stream().allMatch(ReportHandle::held), 5_000);
        // a positive report still goes out
        ReportHandle positive = b.reporter().report(task(), verdict(Outcome.ACCEPTED));
        assertThat(positive.delivery().get(20, TimeUnit.SECONDS).status()).isEqualTo(DeliveryStatus.DELIVERED);
        Thread.sleep(Math.max(0, openUntil - System.currentTimeMillis() - 300));
        assertThat(received(heldIds)).as("no complaint reaches the provider during the fleet's pause").isEmpty();

        for (ReportHandle h : held) {
            assertThat(h.delivery().get(20, TimeUnit.SECONDS).status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
        assertThat(received(heldIds)).hasSize(6).allSatisfy(f -> {
            assertThat(f.recorded()).isTrue();
            assertThat(f.receivedAt().toEpochMilli()).as("sent after the pause").isGreaterThanOrEqualTo(openUntil);
        });
        assertThat(a.events()).contains("closed " + SITE);
        assertThat(b.events()).contains("closed " + SITE);
        // every task recorded once: nothing lost, nothing twice
        assertThat(emulator.feedback().stream().filter(ReceivedFeedback::recorded).map(ReceivedFeedback::taskId))
                .hasSize(16).doesNotHaveDuplicates();

        FleetStatistics fleet = a.reporter().fleetStatistics().orElseThrow();
        assertThat(fleet.total().delivered()).isEqualTo(16);
        assertThat(fleet.total().held()).isEqualTo(6);
        assertThat(fleet.total().pending()).isZero();
        assertThat(fleet.bySite().get(SITE).delivered()).isEqualTo(16);
        assertThat(b.reporter().fleetStatistics()).contains(fleet);
        assertThat(a.reporter().statistics().total().delivered()).as("worker a's own").isEqualTo(6);
    }

    private List<ReceivedFeedback> received(List<String> taskIds) {
        return emulator.feedback().stream().filter(f -> taskIds.contains(f.taskId())).toList();
    }

    private long storedOpenUntil() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT open_until FROM captcha_feedback_breaker WHERE site = '" + SITE + "'")) {
            assertThat(rs.next()).as("the opening is stored").isTrue();
            return rs.getLong(1);
        }
    }
}
