package io.pitwall.simulators.physics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VehicleDynamicsTest {

    @Test
    void brakingEnergyAddsUpToTheKineticEnergyLost() {
        VehicleDynamics car = new VehicleDynamics(1500, 0.68, 0.011, 0);
        double v = 100 / 3.6;
        double friction = 0;
        double road = 0;
        while (v > 0) {
            double v1 = Math.max(0, v - 3.0);
            VehicleDynamics.Step step = car.step(v, v1, 1.0);
            friction += step.frictionBrakeJoules();
            road += step.roadLoadJoules();
            assertThat(step.tractionJoules()).isZero();
            v = v1;
        }
        double kinetic = 0.5 * 1500 * Math.pow(100 / 3.6, 2);
        assertThat(friction + road).isCloseTo(kinetic, within(1e-6 * kinetic));
        assertThat(friction).isGreaterThan(0.9 * kinetic);
    }

    @Test
    void regenerationTakesBrakingEnergyOffThePads() {
        VehicleDynamics ice = new VehicleDynamics(1800, 0.58, 0.009, 0);
        VehicleDynamics ev = new VehicleDynamics(1800, 0.58, 0.009, 60_000);
        VehicleDynamics.Step withoutRegen = ice.step(20, 18, 1.0);
        VehicleDynamics.Step withRegen = ev.step(20, 18, 1.0);
        assertThat(withRegen.frictionBrakeJoules() + withRegen.regenJoules())
                .isCloseTo(withoutRegen.frictionBrakeJoules(), within(1e-6));
        assertThat(withRegen.frictionBrakeJoules()).isLessThan(withoutRegen.frictionBrakeJoules() / 2);
    }

    @Test
    void cruisingNeedsTractionEqualToRoadLoad() {
        VehicleDynamics car = new VehicleDynamics(1500, 0.68, 0.011, 0);
        VehicleDynamics.Step step = car.step(25, 25, 1.0);
        assertThat(step.tractionJoules()).isCloseTo(car.roadLoadNewtons(25) * 25, within(1e-6));
        assertThat(step.frictionBrakeJoules()).isZero();
    }
}
