package io.captchafeedback.report;

import static io.captchafeedback.report.ReporterFixture.accepted;
import static io.captchafeedback.report.ReporterFixture.rejected;
import static io.captchafeedback.report.ReporterFixture.result;
import static io.captchafeedback.report.ReporterFixture.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Many browser sessions on many threads share one reporter: nothing lost, nothing duplicated. */
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 400;
    private static final int SHARED = 100;

    @RegisterExtension
    final ReporterFixture fixture = new ReporterFixture();

    @TempDir
    Path outbox;

    @Test
    void sixteenThreadsReportingAtOnceLoseNothingAndDuplicateNothing() throws Exception {
        try (RecordingProvider provider = RecordingProvider.start()) {
            FeedbackReporter reporter = fixture.open(fixture.builder(outbox, provider.baseUrl()));
            List<ReportHandle> handles = new CopyOnWriteArrayList<>();
            Map<DeliveryStatus, AtomicInteger> sharedOutcomes = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < PER_THREAD; i++) {
                            handles.add(reporter.report(task("t" + thread + "-" + i), i % 3 == 0 ? accepted() : rejected()));
                            if (i < SHARED) { // every thread also reports the same shared tasks
                                ReportHandle h = reporter.report(task("shared-" + i), rejected());
                                h.result().thenAccept(s -> sharedOutcomes.computeIfAbsent(s, k -> new AtomicInteger())
                                        .incrementAndGet());
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            int alreadyRecorded = 0;
            for (ReportHandle h : handles) {
                DeliveryStatus status = result(h);
                assertThat(status.isDelivered()).as(h.key() + " " + status).isTrue();
                alreadyRecorded += status == DeliveryStatus.ALREADY_RECORDED ? 1 : 0;
            }
            org.awaitility.Awaitility.await().atMost(ReporterFixture.WAIT)
                    .until(() -> sharedOutcomes.values().stream().mapToInt(AtomicInteger::get).sum() == THREADS * SHARED);
            assertThat(provider.recorded()).hasSize(THREADS * PER_THREAD + SHARED);
            // a request is repeated only after a timeout (on this loaded machine, now and then twice), and the
            // repeat is answered "already recorded": the provider of the fixture answers repeats
            assertThat(provider.requests().values()).allMatch(n -> n.get() <= 4);
            long repeated = provider.requests().values().stream().filter(n -> n.get() >= 2).count();
            int sharedAlreadyRecorded = sharedOutcomes.getOrDefault(DeliveryStatus.ALREADY_RECORDED, new AtomicInteger()).get();
            assertThat(repeated).isEqualTo(alreadyRecorded + sharedAlreadyRecorded);
            assertThat(sharedOutcomes.get(DeliveryStatus.DELIVERED).get() + sharedAlreadyRecorded).isEqualTo(SHARED);
            assertThat(sharedOutcomes.get(DeliveryStatus.DUPLICATE).get()).isEqualTo((THREADS - 1) * SHARED);
            ReporterStatistics.Counts total = reporter.statistics().total();
            assertThat(total.delivered()).isEqualTo(THREADS * PER_THREAD + SHARED);
            assertThat(total.skipped()).isEqualTo((THREADS - 1) * SHARED);
            assertThat(total.accepted() + total.rejected()).isEqualTo(THREADS * (PER_THREAD + SHARED));
        }
    }
}
