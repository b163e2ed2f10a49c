package io.pitwall.jobs.accuracy;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.jobs.AnalysisSettings;
import io.pitwall.jobs.CollectingSink;
import io.pitwall.jobs.JobSinks;
import io.pitwall.jobs.PitwallJob;
import io.pitwall.jobs.input.VehicleInput;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import io.pitwall.simulators.scenario.FaultKind;
import io.pitwall.simulators.scenario.FaultSpec;
import io.pitwall.simulators.scenario.FleetScenario;
import io.pitwall.simulators.scenario.Powertrain;
import io.pitwall.simulators.scenario.ScenarioSettings;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection accuracy on simulated fleets with known ground truth: every fault the simulator can
 * inject is found, and a healthy fleet of 200 vehicle-days raises no alert of those kinds. The
 * tables it prints are the figures in docs/health.md.
 */
class DetectionAccuracyITCase {

    /** The alert kinds the simulator's faults should raise: the kinds false alarms are counted in. */
    static final Set<AlertKind> FAULT_KINDS = EnumSet.of(AlertKind.COOLANT_OVERHEAT, AlertKind.LOW_12V_BATTERY,
            AlertKind.BRAKE_PADS_WORN, AlertKind.HV_BATTERY_DEGRADED, AlertKind.TIRE_PRESSURE_LOW, AlertKind.DTC_NEW);

    private static final Map<String, List<VehicleInput>> INPUTS = new ConcurrentHashMap<>();
    /** Long enough for the slow faults (pads, traction battery) to show. */
    private static final Duration FAULTY_RUN = Duration.ofDays(30);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void everyInjectedFaultIsDetected() throws Exception {
        FleetScenario probe = scenario(16, FAULTY_RUN, List.of());
        List<FaultSpec> faults = assignFaults(probe);
        FleetScenario.Run run = scenario(16, FAULTY_RUN, faults).run();
        Outputs out = runThroughJob("faulty", SimulatedInputs.of(run.messages()));
        DetectionScore score = new DetectionScore(run.manifest(), out.alerts(), FAULT_KINDS);
        System.out.println(score.report("Injected faults"));
        EstimateAccuracy estimates = new EstimateAccuracy(run.manifest(), out.health(),
                AnalysisSettings.defaults().brakes().replacementPercent(),
                run.manifest().faults().stream().map(f -> f.vin()).collect(java.util.stream.Collectors.toSet()));
        System.out.println(estimates.report());
        assertThat(estimates.soh).as("an EV without a fault is in the run").isNotEmpty()
                .allSatisfy(r -> assertThat(r.error()).as(r.toString()).isLessThanOrEqualTo(3.0));
        assertThat(estimates.sensorPads()).as("cars with a pad-wear sensor and no fault").isNotEmpty()
                .allSatisfy(p -> assertThat(p.error()).as(p.toString()).isLessThanOrEqualTo(0.15));

        assertThat(score.outcomes()).extracting(o -> o.fault().fault()).containsAll(EnumSet.allOf(FaultKind.class));
        assertThat(score.outcomes()).filteredOn(DetectionScore.FaultOutcome::symptomVisible)
                .allSatisfy(o -> assertThat(o.detected()).as(o.fault().toString()).isTrue());
        assertThat(score.outcomes()).as("every fault became visible within the run")
                .allSatisfy(o -> assertThat(o.symptomVisible()).as(o.fault().toString()).isTrue());
    }

    /**
     * One fault of each kind, on a car that can have it: the coolant, 12 V, tyre and DTC faults on
     * combustion cars, the traction fault on an EV, fast pad wear on a car with a wear sensor (without
     * one, a sticking caliper wears the pads without any braking the data could show).
     */
    private static List<FaultSpec> assignFaults(FleetScenario probe) {
        List<FaultSpec> faults = new ArrayList<>();
        List<FaultKind> combustionFaults = new ArrayList<>(List.of(FaultKind.COOLANT_OVERHEAT,
                FaultKind.FAILING_12V_BATTERY, FaultKind.SLOW_TIRE_LEAK, FaultKind.DTC));
        boolean pads = false;
        boolean traction = false;
        for (int i = 0; i < probe.vehicles(); i++) {
            var profile = probe.profile(i);
            if (profile.powertrain() == Powertrain.ELECTRIC) {
                if (!traction) {
                    // After ten days, so the car has established its own normal first, as a real car has.
                    faults.add(new FaultSpec(FaultKind.DEGRADED_TRACTION_BATTERY, i, Duration.ofDays(10), null));
                    traction = true;
                }
            } else if (profile.padWearSensor() && !pads) {
                faults.add(new FaultSpec(FaultKind.FAST_PAD_WEAR, i, Duration.ofHours(6), null));
                pads = true;
            } else if (!combustionFaults.isEmpty()) {
                faults.add(new FaultSpec(combustionFaults.remove(0), i, Duration.ofHours(6), null));
            }
        }
        return faults;
    }

    @Test
    void aHealthyFleetRaisesNoAlertsOfTheFaultKinds() throws Exception {
        FleetScenario.Run run = scenario(40, Duration.ofDays(5), List.of()).run();
        DetectionScore score = new DetectionScore(run.manifest(), runThroughJob("healthy",
                SimulatedInputs.of(run.messages())).alerts(), FAULT_KINDS);
        System.out.println(score.report("Healthy fleet"));
        assertThat(score.vehicleDays()).isGreaterThanOrEqualTo(200);
        assertThat(score.falseAlarms()).isEmpty();
    }

    private static FleetScenario scenario(int vehicles, Duration duration, List<FaultSpec> faults) {
        return FleetScenario.builder().seed(2026).vehicles(vehicles)
                .start(Instant.parse("2026-03-02T00:00:00Z")).duration(duration)
                .samplePeriod(Duration.ofSeconds(5))
                .settings(ScenarioSettings.realistic().withFaults(faults))
                .build();
    }

    private record Outputs(List<Alert> alerts, List<HealthPrediction> health) {
    }

    private static Outputs runThroughJob(String name, List<VehicleInput> inputs) throws Exception {
        INPUTS.put(name, inputs);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.getConfig().enableObjectReuse();
        CollectingSink<Alert> alerts = new CollectingSink<>(name + "-alerts");
        CollectingSink<HealthPrediction> health = new CollectingSink<>(name + "-health");
        DataGeneratorSource<VehicleInput> source = new DataGeneratorSource<>(new FromList(name), inputs.size(),
                TypeInformation.of(VehicleInput.class));
        PitwallJob.build(env, source, PitwallJob.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                new JobSinks(new CollectingSink<TelemetryRow>(name + "-telemetry"),
                        new CollectingSink<VehicleEvent>(name + "-events"), alerts,
                        new CollectingSink<Alert>(name + "-alert-store"),
                        health,
                        new CollectingSink<HealthPrediction>(name + "-health-store")), AnalysisSettings.defaults());
        env.execute(name);
        INPUTS.remove(name);
        return new Outputs(alerts.results(), health.results());
    }

    /** Reads a scenario from this JVM's memory: the MiniCluster runs in it, and the list is large. */
    private record FromList(String name) implements GeneratorFunction<Long, VehicleInput> {
        @Override
        public VehicleInput map(Long index) {
            return INPUTS.get(name).get(index.intValue());
        }
    }
}
