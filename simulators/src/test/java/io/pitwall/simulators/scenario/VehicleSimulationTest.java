package io.pitwall.simulators.scenario;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import io.pitwall.simulators.fleet.VinFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VehicleSimulationTest {

    private static final long START = 1_772_409_600_000L;

    private static List<Sample> samples(VehicleProfile profile, long seed, ScenarioSettings settings, int seconds) {
        VehicleSimulation car = new VehicleSimulation(profile, seed, settings, 1, START, Duration.ofSeconds(1));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i <= seconds; i++) {
            for (VehicleMessage m : car.advanceTo(START + i * 1000L)) {
                if (m.kind() == VehicleMessage.Kind.TELEMETRY) {
                    samples.addAll(m.telemetry().samples());
                }
            }
        }
        return samples;
    }

    private static VehicleProfile car(long seed, int index, double electricShare) {
        return VehicleProfile.of(seed, index, VinFactory.vin(seed, index), electricShare);
    }

    @Test
    void sameVinAndSeedProduceIdenticalSamples() {
        VehicleProfile profile = car(1, 0, 0.5);
        assertThat(samples(profile, 1, ScenarioSettings.plain(), 600)).isEqualTo(samples(profile, 1, ScenarioSettings.plain(), 600));
        assertThat(samples(profile, 1, ScenarioSettings.plain(), 60)).isNotEqualTo(samples(profile, 2, ScenarioSettings.plain(), 60));
    }

    @Test
    void plainStreamSendsOneSampleASecondWithSeqCountingUpFromOne() {
        List<Sample> samples = samples(car(5, 0, 0), 5, ScenarioSettings.plain(), 10);
        assertThat(samples).hasSize(11);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(samples.get(i).seq()).isEqualTo(i + 1);
            assertThat(samples.get(i).ts()).isEqualTo(START + i * 1000L);
        }
    }

    @Test
    void odometerGrowsByTheDistanceTheSpeedCovers() {
        List<Sample> samples = samples(car(3, 0, 0), 3, ScenarioSettings.plain(), 1800);
        double integrated = 0;
        for (int i = 1; i < samples.size(); i++) {
            integrated += (samples.get(i - 1).signals().get("Vehicle.Speed") + samples.get(i).signals().get("Vehicle.Speed")) / 2 / 3600;
        }
        double odometer = samples.get(samples.size() - 1).signals().get("Vehicle.TraveledDistance")
                - samples.get(0).signals().get("Vehicle.TraveledDistance");
        assertThat(integrated).isGreaterThan(1.0);
        assertThat(odometer).isCloseTo(integrated, org.assertj.core.data.Percentage.withPercentage(3));
    }

    @Test
    void electricCarsStateOfChargeFollowsTheReportedCurrent() {
        VehicleProfile ev = car(9, 0, 1.0);
        assertThat(ev.electric()).isTrue();
        VehicleSimulation sim = new VehicleSimulation(ev, 9, ScenarioSettings.plain(), 1, START, Duration.ofSeconds(1));
        double capacityAh = new io.pitwall.simulators.physics.TractionBatteryModel(ev.nameplateKwh(), ev.seriesCells(), 1, 0, 20).nominalAh()
                * sim.truth().tractionHealth();
        List<Sample> samples = samples(ev, 9, ScenarioSettings.plain(), 1800);
        double ampHours = 0;
        for (int i = 1; i < samples.size(); i++) {
            ampHours += samples.get(i).signals().get("Vehicle.Powertrain.TractionBattery.CurrentCurrent") / 3600;
        }
        double socDrop = samples.get(0).signals().get("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current")
                - samples.get(samples.size() - 1).signals().get("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current");
        assertThat(socDrop).isPositive();
        assertThat(socDrop).isCloseTo(ampHours / capacityAh * 100, within(0.05 + 0.03 * socDrop));
    }

    @Test
    void healthyCombustionCarsCoolantStaysInRangeThroughADay() {
        for (int index = 0; index < 4; index++) {
            VehicleProfile profile = car(17, index, 0);
            VehicleSimulation sim = new VehicleSimulation(profile, 17, ScenarioSettings.realistic().withMess(MessSettings.none()),
                    1, START, Duration.ofSeconds(30));
            double max = Double.NEGATIVE_INFINITY;
            for (VehicleMessage m : sim.advanceTo(START + Duration.ofDays(1).toMillis())) {
                if (m.kind() == VehicleMessage.Kind.TELEMETRY) {
                    for (Sample s : m.telemetry().samples()) {
                        max = Math.max(max, s.signals().get("Vehicle.Powertrain.CombustionEngine.ECT"));
                    }
                }
            }
            assertThat(max).as(profile.vin()).isBetween(70.0, 104.0);
        }
    }

    @Test
    void splitQosPolicySendsDynamicsAtQos0AndHealthAtQos1() {
        VehicleSimulation car = new VehicleSimulation(car(2, 0, 0), 2,
                ScenarioSettings.plain().withQosPolicy(QosPolicy.SPLIT_BY_SIGNAL_CLASS), 1, START, Duration.ofSeconds(1));
        List<VehicleMessage> messages = car.advanceTo(START + 5_000);
        assertThat(messages).hasSize(12);
        for (VehicleMessage m : messages) {
            Sample s = m.telemetry().samples().get(0);
            assertThat(s.signals().containsKey("Vehicle.Speed")).isEqualTo(m.qos() == 0);
            assertThat(s.signals().containsKey("Vehicle.Powertrain.CombustionEngine.ECT")).isEqualTo(m.qos() == 1);
        }
    }
}
