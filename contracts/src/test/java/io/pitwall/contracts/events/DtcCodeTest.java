package io.pitwall.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DtcCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"P0217", "C1A2F", "B0001", "U0100", "P3FFF"})
    void acceptsSystemLetterAndFourHexDigits(String code) {
        assertThat(DtcCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "P021", "P02171", "p0217", "X0217", "P02g7", "P 217", "0217P"})
    void refusesAnythingElse(String code) {
        assertThat(DtcCode.isValid(code)).isFalse();
    }
}
