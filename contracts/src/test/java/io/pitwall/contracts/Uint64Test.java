package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Uint64Test {

    @Test
    void printsHighValuesUnsigned() {
        assertThat(Uint64.toString(-1L)).isEqualTo("18446744073709551615");
        assertThat(Uint64.toString(Long.MIN_VALUE)).isEqualTo("9223372036854775808");
        assertThat(Uint64.toString(42L)).isEqualTo("42");
    }

    @Test
    void parsesTheFullRange() {
        assertThat(Uint64.parse("0")).isZero();
        assertThat(Uint64.parse("18446744073709551615")).isEqualTo(-1L);
        assertThat(Uint64.toBigInteger(Uint64.parse("9223372036854775808"))).isEqualTo(BigInteger.ONE.shiftLeft(63));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "18446744073709551616", "", "1.0", "+1", "abc"})
    void rejectsTextOutsideTheRange(String text) {
        assertThatThrownBy(() -> Uint64.parse(text))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.reason()).isEqualTo(RejectReason.INVALID_SEQ));
    }

    @Test
    void comparesUnsigned() {
        assertThat(Uint64.compare(-1L, 1L)).isPositive();
        assertThat(Uint64.compare(Long.MAX_VALUE, Long.MIN_VALUE)).isNegative();
    }

    @Test
    void rangeCheckCoversBothEnds() {
        assertThat(Uint64.inRange(Uint64.MAX_VALUE)).isTrue();
        assertThat(Uint64.inRange(Uint64.MAX_VALUE.add(BigInteger.ONE))).isFalse();
        assertThat(Uint64.inRange(BigInteger.valueOf(-1))).isFalse();
    }
}
