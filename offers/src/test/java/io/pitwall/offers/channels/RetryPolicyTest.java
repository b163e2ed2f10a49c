package io.pitwall.offers.channels;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.backoffBefore(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoffBefore(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoffBefore(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoffBefore(20)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO)).hasMessageContaining("maxAttempts >= 1");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(1))).hasMessageContaining("maxBackoff");
    }
}
