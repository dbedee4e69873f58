package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReportHandleTest {

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    @Test
    void aReportDeliveredWhileWaitingGivesItsFinalStatus() {
        CompletableFuture<Delivery> delivery = new CompletableFuture<>();
        ReportHandle handle = new ReportHandle("p/1", Outbox.completed(), delivery);
        later.schedule(() -> delivery.complete(Delivery.withoutRequest(DeliveryStatus.DELIVERED, "test")), 100, TimeUnit.MILLISECONDS);

        assertThat(handle.awaitDecided(Duration.ofSeconds(5))).contains(DeliveryStatus.DELIVERED);
    }

    @Test
    void aReportStillInFlightGivesNothingOnceTheTimeoutPassed() {
        ReportHandle handle = new ReportHandle("p/1", Outbox.completed(), new CompletableFuture<>());

        long start = System.nanoTime();
        assertThat(handle.awaitDecided(Duration.ofMillis(150))).isEmpty();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMs).isBetween(140L, 1_000L);
    }

    @Test
    void aReportHeldByTheBreakerCountsAsDecidedAsHeldWithoutWaitingForTheTimeout() {
        AtomicBoolean held = new AtomicBoolean();
        ReportHandle handle = new ReportHandle("p/1", Outbox.completed(), new CompletableFuture<>(), held::get);
        later.schedule(() -> held.set(true), 100, TimeUnit.MILLISECONDS);

        long start = System.nanoTime();
        assertThat(handle.awaitDecided(Duration.ofSeconds(5))).contains(DeliveryStatus.HELD);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000L);
    }

    @Test
    void anInterruptedWaitGivesNothingAndKeepsTheInterrupt() {
        ReportHandle handle = new ReportHandle("p/1", Outbox.completed(), new CompletableFuture<>());
        Thread.currentThread().interrupt();
        try {
            assertThat(handle.awaitDecided(Duration.ofSeconds(5))).isEmpty();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
