package io.captchafeedback.report;

/**
 * The breaker of one (provider, site): accepted and rejected verdicts counted in ten time buckets
 * covering the sliding window; opens when the rejection share reaches the threshold, closes after the
 * pause with an empty window. Thread-safe (synchronized; each instance sees only its own site's traffic).
 */
final class Breaker {
    private static final int BUCKETS = 10;

    private final BreakerPolicy policy;
    private final long bucketMillis;
    private final long[] bucketEpoch = new long[BUCKETS];
    private final int[] accepted = new int[BUCKETS];
    private final int[] rejected = new int[BUCKETS];
    private long openUntil = -1;

    Breaker(BreakerPolicy policy) {
        this.policy = policy;
        this.bucketMillis = Math.max(1, policy.window().toMillis() / BUCKETS);
    }

    /**
     * Counts one verdict; returns the rejection share when this verdict opened the breaker, else -1.
     */
    synchronized double record(boolean isRejection, long now) {
        if (!policy.enabled()) {
            return -1;
        }
        long epoch = now / bucketMillis;
        int i = (int) Math.floorMod(epoch, (long) BUCKETS);
        if (bucketEpoch[i] != epoch) {
            bucketEpoch[i] = epoch;
            accepted[i] = 0;
            rejected[i] = 0;
        }
        if (isRejection) {
            rejected[i]++;
        } else {
            accepted[i]++;
        }
        if (openUntil >= 0) {
            return -1;
        }
        long acc = 0;
        long rej = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (epoch - bucketEpoch[b] < BUCKETS) {
                acc += accepted[b];
                rej += rejected[b];
            }
        }
        long total = acc + rej;
        if (total >= policy.minimumReports() && rej >= policy.rejectionThreshold() * total) {
            openUntil = now + policy.pause().toMillis();
            return (double) rej / total;
        }
        return -1;
    }

    /**
     * Opens the breaker for its pause from {@code now} whatever the verdicts (reports held when the last run
     * stopped are held again); returns whether this call opened it.
     */
    synchronized boolean open(long now) {
        if (!policy.enabled() || openUntil >= 0) {
            return false;
        }
        openUntil = now + policy.pause().toMillis();
        return true;
    }

    /** Whether negative reports are paused at {@code now}; does not close the breaker. */
    synchronized boolean isOpen(long now) {
        return openUntil >= 0 && now < openUntil;
    }

    /** Closes the breaker if its pause is over; returns whether this call closed it. */
    synchronized boolean closeIfDue(long now) {
        if (openUntil >= 0 && now >= openUntil) {
            openUntil = -1;
            java.util.Arrays.fill(bucketEpoch, Long.MIN_VALUE / 2);
            return true;
        }
        return false;
    }

    /** When the pause ends, or -1 when closed. */
    synchronized long openUntil() {
        return openUntil;
    }
}
