package io.pitwall.simulators.fleet;

import io.pitwall.contracts.Vin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VinFactoryTest {

    @Test
    void makesValidVinsWithTheIsoCheckDigit() {
        for (int i = 0; i < 500; i++) {
            String vin = VinFactory.vin(42, i);
            assertThat(Vin.isValid(vin)).as(vin).isTrue();
            assertThat(vin.charAt(8)).isEqualTo(VinFactory.checkDigit(vin.toCharArray()));
        }
    }

    @Test
    void knownVinHasTheCheckDigitPublishedForIt() {
        // The worked example of the North American check-digit rule (NHTSA 49 CFR 565).
        assertThat(VinFactory.checkDigit("1M8GDM9AXKP042788".toCharArray())).isEqualTo('X');
    }

    @Test
    void sameSeedAndIndexGiveTheSameVinAndOthersDiffer() {
        assertThat(VinFactory.vin(7, 3)).isEqualTo(VinFactory.vin(7, 3));
        assertThat(VinFactory.vin(7, 3)).isNotEqualTo(VinFactory.vin(8, 3)).isNotEqualTo(VinFactory.vin(7, 4));
    }
}
