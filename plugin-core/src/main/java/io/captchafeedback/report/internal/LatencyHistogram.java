package io.captchafeedback.report.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free log-linear histogram of latencies in microseconds (8 sub-buckets per power of two, so a
 * percentile is exact to within 12.5 %): the reporter's statistics and the verdict report's latencies.
 * Thread-safe.
 */
public final class LatencyHistogram {
    private static final int LINEAR = 16;
    private static final int BUCKETS = LINEAR + 8 * 60;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();

    /** Counts one latency. */
    public void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts.incrementAndGet(index(micros));
        max.accumulateAndGet(micros, Math::max);
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int msb = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) ((micros >>> (msb - 3)) & 7);
        return Math.min(BUCKETS - 1, LINEAR + (msb - 4) * 8 + sub);
    }

    static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int msb = (index - LINEAR) / 8 + 4;
        int sub = (index - LINEAR) % 8;
        return ((8L + sub + 1) << (msb - 3)) - 1;
    }

    /** The {@code p} percentile (0 to 1) of the latencies counted, {@link Duration#ZERO} when none. */
    public Duration percentile(double p) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Duration.ofNanos(Math.min(upperBound(i), max.get()) * 1000);
            }
        }
        return max();
    }

    /** The longest latency counted. */
    public Duration max() {
        return Duration.ofNanos(max.get() * 1000);
    }
}
