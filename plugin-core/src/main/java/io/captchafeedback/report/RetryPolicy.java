package io.captchafeedback.report;

import java.time.Duration;
import java.util.Objects;

/**
 * How retryable failures (HTTP 5xx and 429, timeouts, connection failures, answers that are not the
 * provider's JSON) are retried: exponential backoff from {@code initial} doubling up to {@code max},
 * with a random jitter, never sooner than a provider's {@code Retry-After}, and never past the
 * provider's report window. For providers without a window, {@link Builder#withMaxDuration} bounds the
 * retrying (default 24 hours).
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.builder()
 *         .withBackoff(Duration.ofMillis(500), Duration.ofMinutes(1))
 *         .withJitter(0.25)
 *         .withMaxDuration(Duration.ofHours(6))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double jitter;
    private final Duration maxDuration;

    private RetryPolicy(Builder b) {
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.jitter = b.jitter;
        this.maxDuration = b.maxDuration;
    }

    /** The defaults: backoff 500 ms to 1 min, jitter 0.25, maximum duration 24 hours. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** Starts a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The first retry delay. */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** The longest retry delay (before jitter). */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** The jitter factor: each delay is multiplied by a random factor in {@code [1 - jitter, 1 + jitter]}. */
    public double jitter() {
        return jitter;
    }

    /** How long a report is retried when its provider has no report window. */
    public Duration maxDuration() {
        return maxDuration;
    }

    /**
     * The delay before retry number {@code attempt} (1 for the first retry).
     *
     * @param random a uniform random number in {@code [0, 1)}
     */
    long delayMillis(int attempt, double random) {
        long initial = initialDelay.toMillis();
        long max = maxDelay.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long base = initial << shift;
        if (base <= 0 || base > max) {
            base = max;
        }
        double factor = 1 + jitter * (2 * random - 1);
        return Math.max(0, Math.round(base * factor));
    }

    @Override
    public String toString() {
        return "RetryPolicy[backoff=" + initialDelay + ".." + maxDelay + ", jitter=" + jitter
                + ", maxDuration=" + maxDuration + "]";
    }

    /** Builds a {@link RetryPolicy}; not thread-safe. */
    public static final class Builder {
        private Duration initialDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofMinutes(1);
        private double jitter = 0.25;
        private Duration maxDuration = Duration.ofHours(24);

        private Builder() {
        }

        /** Exponential backoff: {@code initial}, doubling at each retry, up to {@code max}. */
        public Builder withBackoff(Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial == null");
            Objects.requireNonNull(max, "max == null");
            if (initial.isNegative() || initial.isZero()) {
                throw new IllegalArgumentException("initial backoff must be positive: " + initial);
            }
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " is shorter than initial " + initial);
            }
            this.initialDelay = initial;
            this.maxDelay = max;
            return this;
        }

        /** Random jitter factor in {@code [0, 1]}; 0 disables it. */
        public Builder withJitter(double factor) {
            if (!(factor >= 0 && factor <= 1)) {
                throw new IllegalArgumentException("jitter must be in [0, 1]: " + factor);
            }
            this.jitter = factor;
            return this;
        }

        /** How long reports to providers without a report window are retried. */
        public Builder withMaxDuration(Duration maxDuration) {
            Objects.requireNonNull(maxDuration, "maxDuration == null");
            if (maxDuration.isNegative() || maxDuration.isZero()) {
                throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
            }
            this.maxDuration = maxDuration;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
