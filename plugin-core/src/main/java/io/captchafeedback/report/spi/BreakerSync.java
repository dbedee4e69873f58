package io.captchafeedback.report.spi;

import java.util.List;
import java.util.Objects;

/**
 * One exchange of breaker figures between a reporter and its {@link SharedOutbox}, so that the breakers
 * against false complaints count the verdicts of the whole fleet: the reporter sends the verdicts it
 * counted since the last exchange and the breakers it opened; the store adds them up and answers the
 * fleet's counts of the window and the breakers open now. Buckets are {@code bucketMillis} wide and
 * numbered {@code epochMillis / bucketMillis}, so workers with the same breaker policy share them.
 *
 * <!-- java: given long now; SharedOutbox outbox -->
 * <pre>{@code
 * BreakerSync sync = new BreakerSync(30_000, now / 30_000 - 9, now,
 *         List.of(new BreakerSync.Count("ucaptcha", "shop.example", now / 30_000, 3, 7)), List.of());
 * BreakerSync.Answer answer = outbox.syncBreakers(sync).get();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param bucketMillis the width of a bucket (the window divided by ten)
 * @param fromBucket the oldest bucket of the window the answer covers
 * @param now the reporter's clock, epoch milliseconds
 * @param counts verdicts counted by this worker since its last exchange (deltas)
 * @param openings breakers this worker opened since its last exchange
 */
public record BreakerSync(long bucketMillis, long fromBucket, long now, List<Count> counts, List<Opening> openings) {

    public BreakerSync {
        if (bucketMillis < 1) {
            throw new IllegalArgumentException("bucketMillis must be positive, got " + bucketMillis);
        }
        counts = List.copyOf(counts);
        openings = List.copyOf(openings);
    }

    /**
     * Verdicts of one (provider, site) in one bucket.
     *
     * @param providerId the provider id
     * @param site the site (host of the page URL)
     * @param bucket the bucket number
     * @param accepted verdicts that the site accepted the token
     * @param rejected verdicts that the site rejected the captcha
     */
    public record Count(String providerId, String site, long bucket, long accepted, long rejected) {
        public Count {
            Objects.requireNonNull(providerId, "providerId == null");
            Objects.requireNonNull(site, "site == null");
        }
    }

    /**
     * An open breaker of one (provider, site).
     *
     * @param providerId the provider id
     * @param site the site
     * @param openUntil when its pause ends, epoch milliseconds
     * @param rejectionShare the share of rejections that opened it
     * @param openedBy the worker that opened it (filled in by the store; {@code null} in a request)
     */
    public record Opening(String providerId, String site, long openUntil, double rejectionShare, String openedBy) {
        public Opening {
            Objects.requireNonNull(providerId, "providerId == null");
            Objects.requireNonNull(site, "site == null");
        }
    }

    /**
     * What the store answers.
     *
     * @param counts the fleet's verdicts per (provider, site, bucket) from {@code fromBucket} on, this exchange's
     *     deltas included; buckets before the end of a breaker's last pause are left out (a closed breaker
     *     starts from an empty window)
     * @param open the breakers open at {@code now}, whoever opened them (the first opening of a pause wins)
     */
    public record Answer(List<Count> counts, List<Opening> open) {
        public Answer {
            counts = List.copyOf(counts);
            open = List.copyOf(open);
        }
    }
}
