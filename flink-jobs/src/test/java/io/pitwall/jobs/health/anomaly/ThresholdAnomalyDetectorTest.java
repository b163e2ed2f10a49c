package io.pitwall.jobs.health.anomaly;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.jobs.input.Signals;
import io.pitwall.jobs.input.VehicleInput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pitwall.jobs.TestInputs.VIN;
import static io.pitwall.jobs.TestInputs.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdAnomalyDetectorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, VehicleInput, Alert> harness;
    private long seq;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ThresholdAnomalyDetector(ThresholdRules.defaults()), VehicleInput::getVin, Types.STRING);
    }

    /** One coolant sample per second from {@code from} to {@code to} seconds, engine running. */
    private void coolant(int from, int to, double celsius) throws Exception {
        for (int s = from; s <= to; s++) {
            VehicleInput in = sample(++seq, s, Signals.COOLANT_TEMP, celsius, Signals.ENGINE_RPM, 2200);
            harness.processElement(in, in.ts);
        }
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void sustainedOverheatOpensOneAlertAfterTheMinimumDuration() throws Exception {
        coolant(0, 29, 115);
        assertThat(alerts()).as("not yet 30 s").isEmpty();
        coolant(30, 120, 115);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.COOLANT_OVERHEAT);
            assertThat(a.state()).isEqualTo(AlertState.OPEN);
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.vin()).isEqualTo(VIN);
            assertThat(a.alertId()).isEqualTo(Alert.alertId(VIN, AlertKind.COOLANT_OVERHEAT, sample(0, 0).ts));
            assertThat(a.evidence()).containsEntry("warnThreshold", 112.0).containsEntry("value", 115.0);
        });
    }

    @Test
    void aShortSpikeRaisesNothingAndLeavesNoState() throws Exception {
        coolant(0, 10, 118);
        coolant(11, 60, 95);
        assertThat(alerts()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void worseningEscalatesOnceAndRecoveryResolvesWithTheSameId() throws Exception {
        coolant(0, 40, 114);
        coolant(41, 60, 123);
        coolant(61, 70, 125);
        coolant(71, 200, 95);
        assertThat(alerts()).extracting(Alert::state)
                .containsExactly(AlertState.OPEN, AlertState.ESCALATED, AlertState.RESOLVED);
        assertThat(alerts()).extracting(Alert::severity)
                .containsExactly(Severity.WARNING, Severity.CRITICAL, Severity.CRITICAL);
        assertThat(alerts()).extracting(Alert::alertId).containsOnly(alerts().get(0).alertId());
        assertThat(alerts().get(2).evidence()).containsEntry("worstValue", 125.0);
        assertThat(harness.numKeyedStateEntries()).as("episode over, state gone").isZero();
    }

    @Test
    void hoveringInsideTheHysteresisBandNeitherResolvesNorReopens() throws Exception {
        coolant(0, 40, 114);
        for (int s = 41; s < 400; s++) {
            coolant(s, s, s % 2 == 0 ? 108 : 113);
        }
        assertThat(alerts()).extracting(Alert::state).containsExactly(AlertState.OPEN);
    }

    @Test
    void aNewEpisodeAfterRecoveryGetsANewId() throws Exception {
        coolant(0, 40, 114);
        coolant(41, 120, 95);
        coolant(121, 200, 114);
        assertThat(alerts()).extracting(Alert::state)
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED, AlertState.OPEN);
        assertThat(alerts().get(2).alertId()).isNotEqualTo(alerts().get(0).alertId());
    }

    @Test
    void lowOilPressureAtIdleIsNormal() throws Exception {
        for (int s = 0; s < 60; s++) {
            VehicleInput in = sample(++seq, s, Signals.OIL_PRESSURE, 80, Signals.ENGINE_RPM, 750);
            harness.processElement(in, in.ts);
        }
        assertThat(alerts()).isEmpty();
        for (int s = 60; s < 80; s++) {
            VehicleInput in = sample(++seq, s, Signals.OIL_PRESSURE, 50, Signals.ENGINE_RPM, 2500);
            harness.processElement(in, in.ts);
        }
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.LOW_OIL_PRESSURE);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void watchesTheFlattestTyre() throws Exception {
        for (int s = 0; s < 120; s++) {
            VehicleInput in = sample(++seq, s, Signals.TIRE_FRONT_LEFT, 230, Signals.TIRE_FRONT_RIGHT, 230,
                    Signals.TIRE_REAR_LEFT, 172, Signals.TIRE_REAR_RIGHT, 231);
            harness.processElement(in, in.ts);
        }
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.TIRE_PRESSURE_LOW);
            assertThat(a.evidence()).containsEntry("signal", Signals.TIRE_REAR_LEFT);
        });
    }

    @Test
    void refusesARuleWithoutHysteresis() {
        assertThatThrownBy(() -> new ThresholdRule("bad", AlertKind.COOLANT_OVERHEAT,
                ReadingSource.signal(Signals.COOLANT_TEMP), OperatingCondition.ALWAYS, false, 110, 120, 111,
                1000, 1000, "x")).hasMessageContaining("hysteresis");
    }
}
