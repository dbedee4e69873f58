package io.captchafeedback.report;

import java.time.Duration;
import java.util.Objects;

/**
 * Protection against false complaints. For each (provider, site) the reporter counts accepted and
 * rejected verdicts over a sliding {@link Builder#withWindow window}; once at least
 * {@link Builder#withMinimumReports minimumReports} were seen and the share of rejections reaches the
 * {@link Builder#withRejectionThreshold threshold}, the breaker opens: a site change is likelier than
 * every token being bad. While it is open, negative reports for that (provider, site) are not sent
 * (they complete as {@link DeliveryStatus#SUPPRESSED}); positive ones still are. After the
 * {@link Builder#withPause pause} it closes on its own with a fresh window.
 *
 * <pre>{@code
 * BreakerPolicy breaker = BreakerPolicy.builder()
 *         .withWindow(Duration.ofMinutes(5))
 *         .withMinimumReports(20)
 *         .withRejectionThreshold(0.8)
 *         .withPause(Duration.ofMinutes(10))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class BreakerPolicy {
    private final Duration window;
    private final int minimumReports;
    private final double rejectionThreshold;
    private final Duration pause;
    private final boolean enabled;

    private BreakerPolicy(Builder b, boolean enabled) {
        this.window = b.window;
        this.minimumReports = b.minimumReports;
        this.rejectionThreshold = b.rejectionThreshold;
        this.pause = b.pause;
        this.enabled = enabled;
    }

    /** The defaults: window 5 min, at least 20 verdicts, threshold 0.8, pause 10 min. */
    public static BreakerPolicy defaults() {
        return builder().build();
    }

    /** A policy that never opens. */
    public static BreakerPolicy disabled() {
        return new BreakerPolicy(new Builder(), false);
    }

    /** Starts a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public Duration window() {
        return window;
    }

    public int minimumReports() {
        return minimumReports;
    }

    public double rejectionThreshold() {
        return rejectionThreshold;
    }

    public Duration pause() {
        return pause;
    }

    /** Whether this breaker can open at all. */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return enabled ? "BreakerPolicy[window=" + window + ", minimumReports=" + minimumReports
                + ", rejectionThreshold=" + rejectionThreshold + ", pause=" + pause + "]" : "BreakerPolicy[disabled]";
    }

    /** Builds a {@link BreakerPolicy}; not thread-safe. */
    public static final class Builder {
        private Duration window = Duration.ofMinutes(5);
        private int minimumReports = 20;
        private double rejectionThreshold = 0.8;
        private Duration pause = Duration.ofMinutes(10);

        private Builder() {
        }

        /** The sliding window over which verdicts are counted. */
        public Builder withWindow(Duration window) {
            this.window = positive(window, "window");
            return this;
        }

        /** How many verdicts the window must hold before the breaker may open (at least 1). */
        public Builder withMinimumReports(int minimumReports) {
            if (minimumReports < 1) {
                throw new IllegalArgumentException("minimumReports must be at least 1: " + minimumReports);
            }
            this.minimumReports = minimumReports;
            return this;
        }

        /** The share of rejected verdicts, in {@code (0, 1]}, at which the breaker opens. */
        public Builder withRejectionThreshold(double threshold) {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("rejectionThreshold must be in (0, 1]: " + threshold);
            }
            this.rejectionThreshold = threshold;
            return this;
        }

        /** How long negative reports stay paused once the breaker opened. */
        public Builder withPause(Duration pause) {
            this.pause = positive(pause, "pause");
            return this;
        }

        public BreakerPolicy build() {
            return new BreakerPolicy(this, true);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
