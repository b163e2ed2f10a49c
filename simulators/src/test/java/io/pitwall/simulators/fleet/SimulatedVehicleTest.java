package io.pitwall.simulators.fleet;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedVehicleTest {

    private static List<SimulatedVehicle.Sample> drive(String vin, long seed, int seconds) {
        SimulatedVehicle car = new SimulatedVehicle(vin, seed);
        List<SimulatedVehicle.Sample> samples = new ArrayList<>();
        for (int i = 1; i <= seconds; i++) {
            samples.add(car.step(1_763_942_400_000L + i * 1000L, 1.0));
        }
        return samples;
    }

    @Test
    void sameVinAndSeedProduceIdenticalSamples() {
        assertThat(drive("LSVAU2180N2183294", 1, 600)).isEqualTo(drive("LSVAU2180N2183294", 1, 600));
        assertThat(drive("LSVAU2180N2183294", 1, 60)).isNotEqualTo(drive("LSVAU2180N2183294", 2, 60));
    }

    @Test
    void odometerGrowsByTheDistanceTheSpeedCovers() {
        List<SimulatedVehicle.Sample> samples = drive("LSVAU2180N2183294", 3, 1800);
        double integrated = 0;
        for (int i = 1; i < samples.size(); i++) {
            double v0 = samples.get(i - 1).signals().get("Vehicle.Speed");
            double v1 = samples.get(i).signals().get("Vehicle.Speed");
            integrated += (v0 + v1) / 2 / 3600;
        }
        double odometerDelta = samples.get(samples.size() - 1).signals().get("Vehicle.TraveledDistance")
                - samples.get(0).signals().get("Vehicle.TraveledDistance");
        assertThat(integrated).isGreaterThan(1.0);
        assertThat(odometerDelta).isCloseTo(integrated, org.assertj.core.data.Percentage.withPercentage(3));
    }

    @Test
    void healthyCoolantWarmsUpAndStaysInRange() {
        List<SimulatedVehicle.Sample> samples = drive("LSVAU2180N2183294", 4, 3600);
        assertThat(samples).allSatisfy(s -> assertThat(s.signals().get("Vehicle.Powertrain.CombustionEngine.ECT")).isBetween(15.0, 100.0));
        assertThat(samples.get(samples.size() - 1).signals().get("Vehicle.Powertrain.CombustionEngine.ECT")).isGreaterThan(85.0);
    }

    @Test
    void seqCountsUpFromOne() {
        List<SimulatedVehicle.Sample> samples = drive("LSVAU2180N2183294", 5, 10);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(samples.get(i).seq()).isEqualTo(i + 1);
        }
    }
}
