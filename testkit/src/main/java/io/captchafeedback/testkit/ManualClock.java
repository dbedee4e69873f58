package io.captchafeedback.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that only moves when told to, for testing report windows and token lifetimes
 * without waiting.
 *
 * <pre>{@code
 * import io.captchafeedback.testkit.emulator.ProviderEmulator;
 *
 * ManualClock clock = new ManualClock();
 * ProviderEmulator emulator = ProviderEmulator.builder().clock(clock).start();
 * clock.advance(Duration.ofSeconds(61));   // past Anti-Captcha's 60 s report window
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ManualClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    /** A clock standing at the current instant, in UTC. */
    public ManualClock() {
        this(Instant.now());
    }

    /** A clock standing at {@code start}, in UTC. */
    public ManualClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    private ManualClock(Instant start, ZoneId zone) {
        this.now = Objects.requireNonNull(start, "start == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
    }

    /** Moves the clock forward (or back, with a negative amount). */
    public synchronized ManualClock advance(Duration amount) {
        Objects.requireNonNull(amount, "amount == null");
        now = now.plus(amount);
        return this;
    }

    /** Sets the clock to {@code instant}. */
    public ManualClock set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant == null");
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ManualClock(now, zone);
    }

    @Override
    public String toString() {
        return "ManualClock[" + now + "]";
    }
}
