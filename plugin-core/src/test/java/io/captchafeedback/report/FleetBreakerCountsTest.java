package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A breaker that exchanges its counts with a fleet: what it drains goes to the store once, the store's
 * figures replace its buckets, an exchange that failed gives its counts back, and a closed breaker ignores
 * the figures of its last window.
 */
class FleetBreakerCountsTest {
    /** Window 10 s (buckets of 1 s), 10 verdicts at least, 80 %, pause 5 s. */
    private static final BreakerPolicy POLICY = BreakerPolicy.builder().withWindow(Duration.ofSeconds(10))
            .withMinimumReports(10).withRejectionThreshold(0.8).withPause(Duration.ofSeconds(5)).build();

    @Test
    void theFleetsCountsPlusTheVerdictsNotYetExchangedOpenTheBreaker() {
        Breaker breaker = new Breaker(POLICY, true);
        long now = 100_000;
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.record(true, now)).isNegative();
        }
        Breaker.Drained drained = breaker.drain();
        assertThat(drained.counts()).singleElement().satisfies(c -> assertThat(c).containsExactly(100, 0, 3));
        assertThat(breaker.drain().counts()).as("drained once").isEmpty();
        // the store has our 3 and another worker's 5 rejections; one more verdict is counted meanwhile
        breaker.record(true, now + 10);
        assertThat(breaker.applyFleet(Map.of(100L, new long[] {0, 8}), now + 20)).isNegative(); // 9 < 10
        assertThat(breaker.record(true, now + 30)).isEqualTo(1.0);
        assertThat(breaker.isOpen(now + 40)).isTrue();
        Breaker.Drained opening = breaker.drain();
        assertThat(opening.openingShare()).isEqualTo(1.0);
        assertThat(opening.openUntil()).isEqualTo(now + 30 + 5_000);
        assertThat(opening.counts()).singleElement().satisfies(c -> assertThat(c).containsExactly(100, 0, 2));
    }

    @Test
    void anExchangeThatFailedGivesItsCountsAndOpeningBack() {
        Breaker breaker = new Breaker(POLICY, true);
        for (int i = 0; i < 10; i++) {
            breaker.record(true, 50_000);
        }
        Breaker.Drained d = breaker.drain();
        breaker.record(false, 50_100);
        breaker.restore(d);
        Breaker.Drained again = breaker.drain();
        assertThat(again.counts()).singleElement().satisfies(c -> assertThat(c).containsExactly(50, 1, 10));
        assertThat(again.openingShare()).isEqualTo(1.0);
    }

    @Test
    void theFleetsOpeningIsTakenOnWithItsEndAndAClosedBreakerIgnoresItsLastWindow() {
        Breaker breaker = new Breaker(POLICY, true);
        long now = 200_000;
        assertThat(breaker.adopt(now + 3_000, now)).as("opened by the fleet").isTrue();
        assertThat(breaker.adopt(now + 2_500, now)).as("already open: only its end moves").isFalse();
        assertThat(breaker.openUntil()).isEqualTo(now + 2_500);
        assertThat(breaker.drain().openingShare()).as("not the fleet's news").isNegative();
        assertThat(breaker.closeIfDue(now + 2_500)).isTrue();
        // the store still has the window before the pause: 20 rejections in bucket 201
        assertThat(breaker.applyFleet(Map.of(201L, new long[] {0, 20}), now + 2_600)).isNegative();
        assertThat(breaker.isOpen(now + 2_600)).isFalse();
        assertThat(breaker.adopt(now - 1, now)).as("a pause already over").isFalse();
    }
}
