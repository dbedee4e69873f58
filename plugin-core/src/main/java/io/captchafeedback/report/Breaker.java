package io.captchafeedback.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The breaker of one (provider, site): accepted and rejected verdicts counted in ten time buckets
 * covering the sliding window; opens when the rejection share reaches the threshold, closes after the
 * pause with an empty window. With a shared outbox the buckets hold the fleet's counts: the verdicts this
 * worker counted since the last exchange ({@link #drain}) are kept apart until the store has them, and
 * {@link #applyFleet} puts the fleet's figures in the buckets. Thread-safe (synchronized; each instance sees
 * only its own site's traffic).
 */
final class Breaker {
    static final int BUCKETS = 10;

    private final BreakerPolicy policy;
    private final long bucketMillis;
    private final long[] bucketEpoch = new long[BUCKETS];
    private final int[] accepted = new int[BUCKETS];
    private final int[] rejected = new int[BUCKETS];
    private long openUntil = -1;
    /** Verdicts not yet handed to the fleet's store, by bucket (only counted when {@link #fleet}). */
    private final long[] unsyncedEpoch = new long[BUCKETS];
    private final int[] unsyncedAccepted = new int[BUCKETS];
    private final int[] unsyncedRejected = new int[BUCKETS];
    /** An opening (its share) that the fleet has not been told of yet, or -1. */
    private double unsyncedOpening = -1;
    /** The first bucket counted since the breaker last closed: older fleet figures are ignored. */
    private long countsFrom = Long.MIN_VALUE;
    private final boolean fleet;

    Breaker(BreakerPolicy policy) {
        this(policy, false);
    }

    /** {@code fleet}: whether its counts are exchanged with a shared store. */
    Breaker(BreakerPolicy policy, boolean fleet) {
        this.policy = policy;
        this.bucketMillis = bucketMillis(policy);
        this.fleet = fleet;
        java.util.Arrays.fill(unsyncedEpoch, Long.MIN_VALUE / 2);
    }

    /** The width of a bucket of {@code policy}: a tenth of its window. */
    static long bucketMillis(BreakerPolicy policy) {
        return Math.max(1, policy.window().toMillis() / BUCKETS);
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
        count(bucketEpoch, accepted, rejected, i, epoch, isRejection);
        if (fleet) {
            count(unsyncedEpoch, unsyncedAccepted, unsyncedRejected, i, epoch, isRejection);
        }
        return openIfOver(epoch, now);
    }

    /** Counts a verdict in slot {@code i} of one set of buckets, emptying the slot first if it held an older bucket. */
    private static void count(long[] epochs, int[] acc, int[] rej, int i, long epoch, boolean isRejection) {
        if (epochs[i] != epoch) {
            epochs[i] = epoch;
            acc[i] = 0;
            rej[i] = 0;
        }
        if (isRejection) {
            rej[i]++;
        } else {
            acc[i]++;
        }
    }

    /** Opens the breaker when the window's counts reach the threshold; returns the share then, else -1. */
    private double openIfOver(long epoch, long now) {
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
        if (total > 0 && total >= policy.minimumReports() && rej >= policy.rejectionThreshold() * total) {
            openUntil = now + policy.pause().toMillis();
            double share = (double) rej / total;
            if (fleet) {
                unsyncedOpening = share;
            }
            return share;
        }
        return -1;
    }

    /** What {@link #drain} took: verdict counts per bucket ({@code {epoch, accepted, rejected}}) and an opening. */
    record Drained(List<long[]> counts, long openUntil, double openingShare) {
    }

    /** Takes the verdicts and the opening not yet handed to the fleet (put back with {@link #restore}). */
    synchronized Drained drain() {
        List<long[]> counts = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            if (unsyncedAccepted[b] + unsyncedRejected[b] > 0) {
                counts.add(new long[] {unsyncedEpoch[b], unsyncedAccepted[b], unsyncedRejected[b]});
                unsyncedAccepted[b] = 0;
                unsyncedRejected[b] = 0;
            }
        }
        double opening = openUntil >= 0 ? unsyncedOpening : -1;
        unsyncedOpening = -1;
        return new Drained(counts, openUntil, opening);
    }

    /** Puts back what an exchange that failed had taken. */
    synchronized void restore(Drained d) {
        for (long[] c : d.counts()) {
            int i = (int) Math.floorMod(c[0], (long) BUCKETS);
            if (unsyncedEpoch[i] == c[0]) {
                unsyncedAccepted[i] += (int) c[1];
                unsyncedRejected[i] += (int) c[2];
            } else if (unsyncedEpoch[i] < c[0]) {
                unsyncedEpoch[i] = c[0];
                unsyncedAccepted[i] = (int) c[1];
                unsyncedRejected[i] = (int) c[2];
            }
        }
        if (d.openingShare() >= 0 && openUntil >= 0 && unsyncedOpening < 0) {
            unsyncedOpening = d.openingShare();
        }
    }

    /**
     * Puts the fleet's counts ({@code {accepted, rejected}} by bucket, this worker's exchanged verdicts
     * included) in the buckets, adds the verdicts counted since, and opens the breaker when they reach the
     * threshold; returns the share when this call opened it, else -1.
     */
    synchronized double applyFleet(Map<Long, long[]> counts, long now) {
        if (!policy.enabled()) {
            return -1;
        }
        long epoch = now / bucketMillis;
        for (long e = epoch - BUCKETS + 1; e <= epoch; e++) {
            int i = (int) Math.floorMod(e, (long) BUCKETS);
            long[] c = e >= countsFrom ? counts.getOrDefault(e, NONE) : NONE;
            boolean local = unsyncedEpoch[i] == e;
            bucketEpoch[i] = e;
            accepted[i] = (int) c[0] + (local ? unsyncedAccepted[i] : 0);
            rejected[i] = (int) c[1] + (local ? unsyncedRejected[i] : 0);
        }
        return openIfOver(epoch, now);
    }

    private static final long[] NONE = {0, 0};

    /**
     * Takes on an opening of the fleet that lasts until {@code until}: opens the breaker when it is closed
     * (returns {@code true}), or moves the end of its pause there, so that the whole fleet closes together.
     */
    synchronized boolean adopt(long until, long now) {
        if (!policy.enabled() || until <= now) {
            return false;
        }
        boolean opened = openUntil < 0;
        openUntil = until;
        unsyncedOpening = -1; // the fleet knows this pause already
        return opened;
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
        if (fleet) {
            unsyncedOpening = 1.0;
        }
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
            java.util.Arrays.fill(unsyncedAccepted, 0);
            java.util.Arrays.fill(unsyncedRejected, 0);
            countsFrom = now / bucketMillis + 1;
            return true;
        }
        return false;
    }

    /** When the pause ends, or -1 when closed. */
    synchronized long openUntil() {
        return openUntil;
    }
}
