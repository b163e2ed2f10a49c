package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VinTest {

    @ParameterizedTest
    @ValueSource(strings = {"LSVAU2180N2183294", "WVWZZZ1JZXW000001", "1HGCM82633A004352", "00000000000000000"})
    void acceptsSeventeenCharactersOfTheVinAlphabet(String vin) {
        assertThat(Vin.isValid(vin)).isTrue();
        assertThat(Vin.requireValid(vin)).isEqualTo(vin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LSVAU2180N218329I", "LSVAU2180N218329O", "LSVAU2180N218329Q"})
    void rejectsLettersIsoLeavesOut(String vin) {
        assertThat(Vin.isValid(vin)).isFalse();
        assertThat(Vin.problem(vin)).hasValueSatisfying(why -> assertThat(why).contains("character 17").contains("I, O and Q"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "LSVAU2180N218329", "LSVAU2180N21832945"})
    void rejectsWrongLength(String vin) {
        assertThat(Vin.isValid(vin)).isFalse();
        assertThat(Vin.problem(vin)).hasValueSatisfying(why -> assertThat(why).contains(vin.length() + " characters"));
    }

    @Test
    void rejectsLowerCase() {
        assertThat(Vin.isValid("lsvau2180n2183294")).isFalse();
        assertThat(Vin.problem("LSVAU2180N218329a")).hasValueSatisfying(why -> assertThat(why).contains("upper case"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LSVAU2180N218329-", "LSVAU2180N218329 ", "LSVAU2180N218329\n", "LSVAU2180N218329Ä"})
    void rejectsPunctuationWhitespaceAndNonAscii(String vin) {
        assertThat(Vin.isValid(vin)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(Vin.isValid(null)).isFalse();
    }

    @Test
    void requireValidThrowsInvalidVinWithTheReason() {
        assertThatThrownBy(() -> Vin.requireValid("LSVAU2180N21832"))
                .isInstanceOfSatisfying(ContractViolation.class, v -> {
                    assertThat(v.reason()).isEqualTo(RejectReason.INVALID_VIN);
                    assertThat(v.getMessage()).isEqualTo("\"LSVAU2180N21832\" is not a valid VIN: it has 15 characters, a VIN has exactly 17");
                });
    }
}
