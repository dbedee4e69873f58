package io.captchafeedback.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.builder()
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)).withJitter(0.5).build();

    @Test
    void doublesTheDelayFromTheInitialOneUpToTheMaximum() {
        RetryPolicy noJitter = RetryPolicy.builder().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .withJitter(0).build();

        assertThat(noJitter.delayMillis(1, 0.9)).isEqualTo(100);
        assertThat(noJitter.delayMillis(2, 0.9)).isEqualTo(200);
        assertThat(noJitter.delayMillis(5, 0.9)).isEqualTo(1600);
        assertThat(noJitter.delayMillis(6, 0.9)).isEqualTo(2000);
        assertThat(noJitter.delayMillis(60, 0.9)).isEqualTo(2000);
    }

    @Test
    void spreadsTheDelayByTheJitterFactor() {
        assertThat(policy.delayMillis(1, 0.0)).isEqualTo(50);
        assertThat(policy.delayMillis(1, 0.5)).isEqualTo(100);
        assertThat(policy.delayMillis(1, 0.999999)).isEqualTo(150);
    }

    @Test
    void rejectsSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> RetryPolicy.builder().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than initial");
        assertThatThrownBy(() -> RetryPolicy.builder().withJitter(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> RetryPolicy.builder().withMaxDuration(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().withBackoff(null, Duration.ZERO))
                .isInstanceOf(NullPointerException.class).hasMessage("initial == null");
    }
}
