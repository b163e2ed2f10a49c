package io.pitwall.jobs.health.brakes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BrakingPhysicsTest {

    private final BrakingPhysics car = BrakingPhysics.passengerCar();

    @Test
    void brakingEnergyAddsUpOverAStopWhicheverWayItIsSliced() {
        double oneStep = car.frictionJoules(100, 0, 10, 30.0, false, 0);
        double tenSteps = 0;
        for (int i = 0; i < 10; i++) {
            tenSteps += car.frictionJoules(100 - i * 10, 90 - i * 10, 1, 30.0, false, 0);
        }
        assertThat(tenSteps).isCloseTo(oneStep, within(oneStep * 0.02));
    }

    @Test
    void aHardStopTurnsMostOfTheKineticEnergyIntoBrakeHeat() {
        double kinetic = 0.5 * 1550 * Math.pow(100 / 3.6, 2);
        double friction = car.frictionJoules(100, 0, 4, 80.0, false, 0);
        assertThat(friction).isBetween(0.85 * kinetic, kinetic);
    }

    @Test
    void coastingDownWithThePedalReleasedWearsNothing() {
        assertThat(car.frictionJoules(60, 55, 5, 0.0, true, 0)).isZero();
    }

    @Test
    void gentleSlowingIsExplainedByRollingDragAndEngine() {
        // 0.4 m/s2 at 50 km/h: what air, tyres and a closed throttle do by themselves.
        assertThat(car.frictionJoules(50, 48.56, 1, null, true, 0)).isZero();
    }

    @Test
    void regenerationTakesItsShareOff() {
        double noRegen = car.frictionJoules(80, 20, 6, 40.0, false, 0);
        double withRegen = car.frictionJoules(80, 20, 6, 40.0, false, 150_000);
        assertThat(noRegen - withRegen).isCloseTo(150_000, within(1.0));
    }

    @Test
    void speedingUpIsNotBraking() {
        assertThat(car.frictionJoules(30, 50, 3, 0.0, true, 0)).isZero();
    }
}
