package io.pitwall.jobs.health.anomaly;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.jobs.input.Signals;
import io.pitwall.jobs.input.VehicleInput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.pitwall.jobs.TestInputs.sample;
import static org.assertj.core.api.Assertions.assertThat;

class BaselineAnomalyDetectorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, VehicleInput, Alert> harness;
    private final SplittableRandom noise = new SplittableRandom(7);
    private long seq;
    private int second;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new BaselineAnomalyDetector(BaselineAnomalyDetector.Settings.defaults()), VehicleInput::getVin,
                Types.STRING);
    }

    /** Charging voltage around {@code level} with realistic noise, engine at cruise. */
    private void drive(int seconds, double level) throws Exception {
        for (int i = 0; i < seconds; i++) {
            double volts = level + (noise.nextDouble() - 0.5) * 0.2;
            VehicleInput in = sample(++seq, second++, Signals.LV_BATTERY_VOLTAGE, volts, Signals.ENGINE_RPM, 2000);
            harness.processElement(in, in.ts);
        }
    }

    @Test
    void aSteadyCarAtItsOwnLevelNeverAlerts() throws Exception {
        drive(20_000, 14.35);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aSustainedShiftAwayFromTheCarsOwnNormalAlertsOnceAndResolves() throws Exception {
        drive(1_200, 14.4);
        // Still a "legal" voltage for cars in general, but not for this car: its regulator drifted.
        drive(600, 13.2);
        drive(600, 14.4);
        assertThat(harness.extractOutputValues()).extracting(Alert::state)
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(harness.extractOutputValues()).allSatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.SIGNAL_ANOMALY);
            assertThat(a.evidence()).containsEntry("baseline", "charging-voltage");
        });
    }

    @Test
    void aShortExcursionIsIgnored() throws Exception {
        drive(1_200, 14.4);
        drive(60, 12.9);
        drive(600, 14.4);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void saysNothingDuringWarmUp() throws Exception {
        drive(300, 14.4);
        drive(300, 12.0);
        assertThat(harness.extractOutputValues()).isEmpty();
    }
}
