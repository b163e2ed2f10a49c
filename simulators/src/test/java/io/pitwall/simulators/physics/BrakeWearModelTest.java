package io.pitwall.simulators.physics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BrakeWearModelTest {

    @Test
    void padsWearInProportionToTheBrakingEnergyEachAxleAbsorbs() {
        BrakeWearModel pads = new BrakeWearModel(12, 10);
        for (int i = 0; i < 1000; i++) {
            pads.absorb(150_000);
        }
        assertThat(pads.frontEnergyJoules() + pads.rearEnergyJoules()).isCloseTo(150e6, within(1e-3));
        assertThat(pads.frontEnergyJoules()).isCloseTo(150e6 * BrakeWearModel.FRONT_SHARE, within(1e-3));
        assertThat(12 - pads.frontMm()).isCloseTo(105 * BrakeWearModel.MM_PER_MEGAJOULE, within(1e-9));
        assertThat(10 - pads.rearMm()).isCloseTo(45 * BrakeWearModel.MM_PER_MEGAJOULE, within(1e-9));
    }

    @Test
    void aFaultMultipliesTheWearRateAndReplacementRestoresNewPads() {
        BrakeWearModel normal = new BrakeWearModel(12, 10);
        BrakeWearModel fast = new BrakeWearModel(12, 10);
        fast.setWearMultiplier(8);
        normal.absorb(500e6);
        fast.absorb(500e6);
        assertThat(12 - fast.frontMm()).isCloseTo(8 * (12 - normal.frontMm()), within(1e-9));
        fast.replaceFront();
        assertThat(fast.frontMm()).isEqualTo(BrakeWearModel.FRONT_NEW_MM);
        assertThat(fast.frontWornPercent()).isZero();
    }

    @Test
    void wearSensorReadsZeroNewAndHundredAtTheWearLimit() {
        assertThat(BrakeWearModel.wornPercent(12, 12)).isZero();
        assertThat(BrakeWearModel.wornPercent(BrakeWearModel.WORN_MM, 12)).isEqualTo(100);
        assertThat(BrakeWearModel.wornPercent(7, 12)).isCloseTo(50, within(1e-9));
    }
}
