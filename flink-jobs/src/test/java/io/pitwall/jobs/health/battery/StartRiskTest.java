package io.pitwall.jobs.health.battery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StartRiskTest {

    private final StartRisk model = StartRisk.defaults();

    @Test
    void aHealthyBatteryOnAMildDayIsSafe() {
        assertThat(model.probability(10.6, 20, 20)).isLessThan(0.01);
        assertThat(model.probability(10.1, 20, 20)).isCloseTo(0.076, within(0.001));
    }

    @Test
    void riskIsEvenAtTheLoadTestFloor() {
        assertThat(model.probability(9.6, 20, 20)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aColdMorningMakesTheSameBatteryRiskier() {
        double mild = model.probability(10.0, 20, 20);
        double frost = model.probability(10.0, 20, -10);
        assertThat(frost).isGreaterThan(mild).isGreaterThan(0.5);
    }

    @Test
    void aWarmerDayDoesNotMakeAMeasuredDipLookBetter() {
        assertThat(model.probability(10.0, 10, 30)).isEqualTo(model.probability(10.0, 10, 10));
    }

    @Test
    void stateOfChargeFollowsRestingVoltage() {
        assertThat(StartRisk.stateOfCharge(12.7)).isCloseTo(1.0, within(1e-9));
        assertThat(StartRisk.stateOfCharge(12.3)).isCloseTo(0.5, within(1e-9));
        assertThat(StartRisk.stateOfCharge(11.5)).isZero();
    }
}
