package io.pitwall.jobs;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.jobs.input.Signals;
import io.pitwall.jobs.input.VehicleInput;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole health topology on a MiniCluster, fed a scripted two-car scenario (an overheating
 * engine, a trouble code, resends and an overtaken sample), once straight through and once with a
 * crash mid-stream and a restore from the last checkpoint.
 */
class HealthPipelineITCase {

    private static final String OVERHEATING = "LSVAU2180N2183294";
    private static final String WITH_DTC = "LSVAU2180N2183295";
    private static final long T0 = 1_763_942_400_000L;
    private static final AtomicBoolean CRASHED = new AtomicBoolean();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void raisesOneAlertPerEpisodeAndTheSameAlertsAfterACrashAndRestore() throws Exception {
        List<VehicleInput> scenario = scenario();

        Run straight = run("straight", scenario, -1);
        assertThat(keys(straight.alerts())).containsExactlyInAnyOrder(
                OVERHEATING + " COOLANT_OVERHEAT OPEN WARNING",
                OVERHEATING + " COOLANT_OVERHEAT RESOLVED WARNING",
                WITH_DTC + " DTC_NEW OPEN CRITICAL",
                WITH_DTC + " DTC_NEW RESOLVED CRITICAL");
        assertThat(straight.alerts()).as("resends raised nothing twice").hasSize(4);
        assertThat(straight.telemetry()).as("every sample, resends included, is stored")
                .hasSize((int) scenario.stream().filter(VehicleInput::isSample).count());
        assertThat(straight.events()).extracting(e -> e.type().name() + " " + e.code())
                .containsExactly("DTC_SET P0300", "DTC_CLEARED P0300");
        Map<String, HealthPrediction> latestHealth = new LinkedHashMap<>();
        straight.health().forEach(h -> latestHealth.put(h.vin(), h));
        assertThat(latestHealth).containsOnlyKeys(OVERHEATING, WITH_DTC);
        assertThat(latestHealth.values()).allSatisfy(h -> assertThat(h.brakePads()).isNotNull());

        Run restored = run("restored", scenario, scenario.size() / 2);
        assertThat(CRASHED).isTrue();
        assertThat(keysWithIds(restored.alerts())).as("same alerts, same ids, after the restore")
                .isEqualTo(keysWithIds(straight.alerts()));
    }

    private record Run(List<Alert> alerts, List<HealthPrediction> health, List<TelemetryRow> telemetry,
                       List<VehicleEvent> events) {
    }

    private static Run run(String name, List<VehicleInput> scenario, int crashAt) throws Exception {
        CRASHED.set(false);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, crashAt < 0 ? "none" : "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        // One source reader keeps each car's records in the order the scenario lists them.
        env.setParallelism(1);
        env.enableCheckpointing(50);
        CollectingSink<Alert> alerts = new CollectingSink<>(name + "-alerts");
        CollectingSink<HealthPrediction> health = new CollectingSink<>(name + "-health");
        CollectingSink<TelemetryRow> telemetry = new CollectingSink<>(name + "-telemetry");
        CollectingSink<VehicleEvent> events = new CollectingSink<>(name + "-events");
        DataGeneratorSource<VehicleInput> source = new DataGeneratorSource<>(new Replay(scenario, crashAt),
                scenario.size(), RateLimiterStrategy.perSecond(500), TypeInformation.of(VehicleInput.class));
        PitwallJob.build(env, source, PitwallJob.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                new JobSinks(telemetry, events, alerts, new CollectingSink<>(name + "-alert-store"), health,
                        new CollectingSink<>(name + "-health-store")), AnalysisSettings.defaults());
        env.execute(name);
        return new Run(alerts.results(), health.results(), telemetry.results(), events.results());
    }

    /** Emits the scenario's records in order; crashes once at {@code crashAt} (-1: never). */
    private record Replay(List<VehicleInput> scenario, int crashAt) implements GeneratorFunction<Long, VehicleInput> {
        @Override
        public VehicleInput map(Long index) {
            if (index == crashAt && CRASHED.compareAndSet(false, true)) {
                throw new IllegalStateException("crash injected by the test at record " + index);
            }
            return scenario.get(index.intValue());
        }
    }

    private static Set<String> keys(List<Alert> alerts) {
        Set<String> keys = new TreeSet<>();
        alerts.forEach(a -> keys.add(a.vin() + " " + a.kind() + " " + a.state() + " " + a.severity()));
        return keys;
    }

    private static Set<String> keysWithIds(List<Alert> alerts) {
        Set<String> keys = new TreeSet<>();
        alerts.forEach(a -> keys.add(a.alertId() + " " + a.state() + " " + a.severity() + " " + a.eventTime()));
        return keys;
    }

    private static List<VehicleInput> scenario() {
        List<VehicleInput> in = new ArrayList<>();
        long seq1 = 0;
        long seq2 = 0;
        for (int s = 0; s < 300; s++) {
            double coolant = s < 60 ? 90 : s < 150 ? 116 : 95;
            double speed = s % 40 < 20 ? s % 40 * 2.5 : Math.max(0, 50 - (s % 40 - 20) * 5);
            in.add(sample(OVERHEATING, ++seq1, s, Signals.COOLANT_TEMP, coolant, Signals.ENGINE_RPM, 2000,
                    Signals.SPEED, speed, Signals.BRAKE_PEDAL, s % 40 >= 20 && speed > 0 ? 25 : 0));
            if (s == 10) {
                in.add(VehicleInput.event(WITH_DTC, ++seq2, T0 + s * 1000L, T0 + s * 1000L, "DTC_SET", "P0300", null));
            }
            if (s == 200) {
                in.add(VehicleInput.event(WITH_DTC, ++seq2, T0 + s * 1000L, T0 + s * 1000L, "DTC_CLEARED", "P0300", null));
            }
            in.add(sample(WITH_DTC, ++seq2, s, Signals.SPEED, 30, Signals.ENGINE_RPM, 1500,
                    Signals.LV_BATTERY_VOLTAGE, 14.1));
            if (s == 120) {
                // A reconnect: the last ten samples of the first car come again.
                in.addAll(new ArrayList<>(in.subList(in.size() - 20, in.size())).stream()
                        .filter(v -> v.vin.equals(OVERHEATING)).toList());
            }
        }
        // A sample overtaken by newer ones: stored, but too late to analyse.
        in.add(sample(OVERHEATING, ++seq1, 5, Signals.COOLANT_TEMP, 130, Signals.ENGINE_RPM, 2000));
        return in;
    }

    private static VehicleInput sample(String vin, long seq, int second, Object... signals) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < signals.length; i += 2) {
            map.put((String) signals[i], ((Number) signals[i + 1]).doubleValue());
        }
        long ts = T0 + second * 1000L;
        return VehicleInput.sample(vin, seq, ts, ts + 40, "gw", map);
    }
}
