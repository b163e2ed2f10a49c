package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContractLimitsTest {

    @Test
    void defaultsAreTheDocumentedLimits() {
        ContractLimits limits = ContractLimits.defaults();
        assertThat(limits.maxPayloadBytes()).isEqualTo(256 * 1024);
        assertThat(limits.maxSamplesPerBatch()).isEqualTo(1000);
        assertThat(limits.maxSignalsPerSample()).isEqualTo(512);
        assertThat(limits.maxSignalPathLength()).isEqualTo(128);
        assertThat(limits.maxStringLength()).isEqualTo(4096);
        assertThat(limits.maxNestingDepth()).isEqualTo(16);
        assertThat(limits.maxFutureSkewMillis()).isEqualTo(Duration.ofHours(24).toMillis());
        assertThat(limits.minTimestampMillis()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void latestTimestampIsNowPlusSkewAndNeverOverflows() {
        ContractLimits limits = ContractLimits.defaults();
        assertThat(limits.latestTimestampAt(1_000L)).isEqualTo(1_000L + 86_400_000L);
        assertThat(limits.latestTimestampAt(Long.MAX_VALUE - 5)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsLimitsThatCannotWork() {
        ContractLimits d = ContractLimits.defaults();
        assertThatThrownBy(() -> d.withMaxPayloadBytes(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> new ContractLimits(1024, 1, 1, 1, 1, 3, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNestingDepth");
        assertThatThrownBy(() -> new ContractLimits(1024, 1, 1, 1, 1, 4, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFutureSkewMillis");
    }

    @Test
    void withMaxPayloadBytesKeepsTheOtherLimits() {
        ContractLimits bigger = ContractLimits.defaults().withMaxPayloadBytes(2 << 20);
        assertThat(bigger.maxPayloadBytes()).isEqualTo(2 << 20);
        assertThat(bigger.maxStringLength()).isEqualTo(4096);
    }
}
