package io.captchafeedback.testkit;

import io.captchafeedback.report.DeliveryStatus;
import io.captchafeedback.report.ReportHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Waits in tests for what the reporter did with one report. A negative report held by an open breaker
 * never completes on its own (it waits for the breaker, {@code release} or {@code discard}), so a test
 * that only needs to know the report is no longer in flight waits for "decided or held".
 *
 * <pre>{@code
 * DeliveryStatus status = Reports.decidedOrHeld(verdict.report(), Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class Reports {

    private Reports() {
    }

    /**
     * The report's final status, or {@link DeliveryStatus#HELD} while an open breaker holds it.
     *
     * @throws AssertionError when it is neither decided nor held within {@code timeout}
     */
    public static DeliveryStatus decidedOrHeld(ReportHandle report, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(report, "report == null");
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (report.result().isDone()) {
                return report.result().join();
            }
            if (report.held()) {
                return DeliveryStatus.HELD;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("report " + report + " neither decided nor held within " + timeout);
    }
}
