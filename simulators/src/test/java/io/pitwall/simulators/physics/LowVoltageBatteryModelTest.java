package io.pitwall.simulators.physics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LowVoltageBatteryModelTest {

    @Test
    void healthyBatteryRestsAboveTwelveVoltsAndDipsWhenCranking() {
        LowVoltageBatteryModel battery = new LowVoltageBatteryModel(60, 1.0, 0.9);
        assertThat(battery.restingVolts()).isBetween(12.4, 12.8);
        assertThat(battery.crankingVolts()).isBetween(10.0, battery.restingVolts() - 1);
        assertThat(battery.chargingVolts()).isBetween(13.8, 14.4);
    }

    @Test
    void parkedCarDrainsSlowlyAndDrivingRecharges() {
        LowVoltageBatteryModel battery = new LowVoltageBatteryModel(60, 1.0, 0.9);
        battery.flow(0.03, 7 * 86_400);
        double afterWeek = battery.soc();
        assertThat(afterWeek).isBetween(0.8, 0.9);
        battery.flow(-25, 1800);
        assertThat(battery.soc()).isGreaterThan(afterWeek);
    }

    @Test
    void failingBatteryEndsInANoStartWithinWeeks() {
        LowVoltageBatteryModel battery = new LowVoltageBatteryModel(60, 0.9, 0.85);
        battery.startFailing(0.03, 0.25);
        int days = 0;
        while (battery.crankingVolts() >= LowVoltageBatteryModel.NO_START_VOLTS && days < 60) {
            battery.age(1, 20);
            battery.flow(0.03, 86_400);
            days++;
        }
        assertThat(days).isBetween(5, 40);
        assertThat(battery.restingVolts()).isLessThan(12.2);
        battery.replace();
        assertThat(battery.crankingVolts()).isGreaterThan(10);
    }
}
