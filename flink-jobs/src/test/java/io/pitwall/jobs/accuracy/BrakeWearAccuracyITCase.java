package io.pitwall.jobs.accuracy;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.jobs.AnalysisSettings;
import io.pitwall.jobs.CollectingSink;
import io.pitwall.jobs.JobSinks;
import io.pitwall.jobs.PitwallJob;
import io.pitwall.simulators.scenario.FleetScenario;
import io.pitwall.simulators.scenario.ScenarioSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brake-pad wear prediction against the simulator's truth over a run long enough for the pads to
 * move: 16 healthy cars (seed 2026, the detection run's fleet, 4 of them with a pad-wear sensor),
 * 90 days, realistic routines and transmission mess, through the real topology. The scenario is
 * generated as the job reads it, so the months are never held in memory. Cars with a sensor must
 * be within 15 % of the true km to the replacement threshold; the others are reported (without a
 * sensor or a recorded pad change their starting wear is unknown, and the estimate says so with
 * its confidence). The table it prints is the one in docs/health.md.
 */
class BrakeWearAccuracyITCase {

    private static final Duration RUN = Duration.ofDays(90);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void frontPadKmToThresholdIsWithinFifteenPercentOnCarsWithASensor() throws Exception {
        FleetScenario scenario = FleetScenario.builder().seed(2026).vehicles(16)
                .start(Instant.parse("2026-03-02T00:00:00Z")).duration(RUN)
                .samplePeriod(Duration.ofSeconds(5))
                .settings(ScenarioSettings.realistic())
                .build();
        FleetScenario.Generator generator = scenario.iterator();
        String name = "brake-wear";
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.getConfig().enableObjectReuse();
        CollectingSink<HealthPrediction> health = new CollectingSink<>(name + "-health");
        PitwallJob.build(env, ScenarioSource.of(name, SimulatedInputs.stream(generator)),
                PitwallJob.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                new JobSinks(new DiscardingSink<>(), new DiscardingSink<>(), new CollectingSink<Alert>(name + "-alerts"),
                        new DiscardingSink<>(), health, new DiscardingSink<>()), AnalysisSettings.defaults());
        env.execute(name);
        ScenarioSource.release(name);

        EstimateAccuracy estimates = new EstimateAccuracy(generator.manifest(), health.results(),
                AnalysisSettings.defaults().brakes().replacementPercent(), Set.of());
        System.out.println(estimates.report());
        assertThat(estimates.sensorPads()).as("every car with a sensor is scored").hasSize(4)
                .allSatisfy(p -> assertThat(p.error()).as(p.toString()).isLessThanOrEqualTo(0.15));
    }
}
