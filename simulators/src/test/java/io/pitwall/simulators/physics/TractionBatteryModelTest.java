package io.pitwall.simulators.physics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TractionBatteryModelTest {

    @Test
    void stateOfChargeFollowsTheCurrentAgainstThePresentCapacity() {
        TractionBatteryModel pack = new TractionBatteryModel(60, 96, 0.9, 0.8, 25);
        double ampHours = 0;
        for (int s = 0; s < 1800; s++) {
            ampHours += pack.draw(15_000 + 5_000 * Math.sin(s / 30.0), 1, 25) / 3600;
        }
        assertThat(0.8 - pack.soc()).isCloseTo(ampHours / pack.capacityAh(), within(1e-3));
        assertThat(pack.currentA()).isPositive();
    }

    @Test
    void chargingIsNegativeCurrentAndRaisesTheCharge() {
        TractionBatteryModel pack = new TractionBatteryModel(60, 96, 1.0, 0.3, 20);
        double amps = pack.draw(-7_000, 3600, 20);
        assertThat(amps).isNegative();
        assertThat(pack.soc()).isGreaterThan(0.4);
    }

    @Test
    void capacityFadesFasterWhenHotAndMuchFasterWhenDegraded() {
        TractionBatteryModel mild = new TractionBatteryModel(60, 96, 1.0, 0.5, 20);
        TractionBatteryModel hot = new TractionBatteryModel(60, 96, 1.0, 0.5, 40);
        TractionBatteryModel degraded = new TractionBatteryModel(60, 96, 1.0, 0.5, 20);
        degraded.setAgeingMultiplier(60);
        mild.age(365);
        hot.age(365);
        degraded.age(365);
        assertThat(1 - hot.health()).isGreaterThan(2 * (1 - mild.health()));
        assertThat(1 - degraded.health()).isGreaterThan(20 * (1 - mild.health()));
    }

    @Test
    void voltageSagsUnderLoad() {
        TractionBatteryModel pack = new TractionBatteryModel(60, 96, 1.0, 0.7, 25);
        double resting = pack.openCircuitVolts();
        pack.draw(80_000, 1, 25);
        assertThat(pack.terminalVolts()).isLessThan(resting - 10);
        assertThat(resting).isBetween(330.0, 420.0);
    }
}
