package io.pitwall.simulators.physics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineModelTest {

    /** Twenty minutes of city stop-and-go, then forty of motorway at about 110 km/h. */
    private static double maxCoolant(EngineModel engine, double ambient) {
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < 3600; s++) {
            boolean city = s < 1200;
            double kmh = city ? (s % 90 < 60 ? 45 : 0) : 110;
            double watts = city ? (kmh > 0 ? 8_000 : 0) : 28_000;
            engine.step(true, kmh, 0, watts, 1, ambient);
            if (s > 900) {
                max = Math.max(max, engine.coolantC());
            }
        }
        return max;
    }

    @Test
    void healthyCoolantWarmsUpAndStaysInRange() {
        EngineModel engine = new EngineModel(20);
        double max = maxCoolant(engine, 35);
        assertThat(max).isBetween(85.0, 103.0);
        assertThat(engine.coolantC()).isBetween(85.0, 103.0);
        assertThat(engine.oilPressureKpa()).isBetween(150.0, 500.0);
    }

    @Test
    void aFailingRadiatorLetsTheCoolantOverheat() {
        EngineModel engine = new EngineModel(20);
        engine.setRadiatorCapacity(0.1);
        assertThat(maxCoolant(engine, 25)).isGreaterThan(115);
    }

    @Test
    void engineOffCoolsTowardsAmbientAndHasNoOilPressure() {
        EngineModel engine = new EngineModel(90);
        for (int i = 0; i < 12 * 60; i++) {
            engine.step(false, 0, 0, 0, 60, 10);
        }
        assertThat(engine.coolantC()).isBetween(10.0, 15.0);
        assertThat(engine.oilPressureKpa()).isZero();
        assertThat(engine.rpm()).isZero();
    }
}
