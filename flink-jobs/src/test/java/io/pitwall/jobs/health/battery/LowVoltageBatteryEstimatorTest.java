package io.pitwall.jobs.health.battery;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.jobs.TestInputs;
import io.pitwall.jobs.health.HealthOutputs;
import io.pitwall.jobs.input.Signals;
import io.pitwall.jobs.input.VehicleInput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pitwall.jobs.TestInputs.event;
import static io.pitwall.jobs.TestInputs.sample;
import static org.assertj.core.api.Assertions.assertThat;

class LowVoltageBatteryEstimatorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, VehicleInput, HealthPrediction> harness;
    private long seq;
    private double clock;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new LowVoltageBatteryEstimator(LowVoltageBatteryEstimator.Settings.defaults()),
                VehicleInput::getVin, Types.STRING);
    }

    private void send(VehicleInput input) throws Exception {
        harness.processElement(input, input.ts);
    }

    /** Parks overnight, then starts: resting voltage, the cranking dip, then 60 s of driving. */
    private void start(double resting, double dip, double air) throws Exception {
        clock += 10 * 3600;
        send(event(++seq, clock, "IGNITION_ON", null, null));
        send(sample(++seq, clock + 0.5, Signals.LV_BATTERY_VOLTAGE, resting, Signals.ENGINE_RPM, 0, Signals.AIR_TEMP, air));
        send(sample(++seq, clock + 1.0, Signals.LV_BATTERY_VOLTAGE, dip, Signals.ENGINE_RPM, 180, Signals.AIR_TEMP, air));
        send(sample(++seq, clock + 2.0, Signals.LV_BATTERY_VOLTAGE, 13.9, Signals.ENGINE_RPM, 900, Signals.AIR_TEMP, air));
        for (int s = 3; s < 60; s++) {
            send(sample(++seq, clock + s, Signals.LV_BATTERY_VOLTAGE, 14.1, Signals.ENGINE_RPM, 1800, Signals.AIR_TEMP, air));
        }
        send(event(++seq, clock + 60, "IGNITION_OFF", null, null));
    }

    private List<Alert> alerts() {
        var side = harness.getSideOutput(HealthOutputs.ALERTS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private HealthPrediction.LowVoltageBattery latest() {
        List<HealthPrediction> out = harness.extractOutputValues();
        return out.get(out.size() - 1).lowVoltageBattery();
    }

    @Test
    void aHealthyBatteryIsGoodAndRaisesNothing() throws Exception {
        for (int day = 0; day < 30; day++) {
            start(12.65, 10.7, 18);
        }
        assertThat(latest().state()).isEqualTo(HealthPrediction.LowVoltageBattery.GOOD);
        assertThat(latest().restingVoltage()).isEqualTo(12.65);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aFadingBatteryIsFlaggedWhileTheCarStillStarts() throws Exception {
        double dip = 10.6;
        for (int day = 0; day < 20; day++, dip -= 0.06) {
            start(12.5 - day * 0.01, dip, 12);
        }
        assertThat(alerts()).isNotEmpty();
        Alert first = alerts().get(0);
        assertThat(first.kind()).isEqualTo(AlertKind.LOW_12V_BATTERY);
        assertThat(first.state()).isEqualTo(AlertState.OPEN);
        assertThat((Double) first.evidence().get("crankDipVolts")).as("flagged above the floor: the car still starts")
                .isGreaterThan(9.6);
    }

    @Test
    void aNewBatteryResolvesTheAlert() throws Exception {
        start(12.2, 9.7, 5);
        assertThat(alerts()).extracting(Alert::state).containsExactly(AlertState.OPEN);
        send(event(++seq, clock + 100, "SERVICE_DONE", null, List.of("BATTERY_12V")));
        start(12.7, 10.8, 5);
        assertThat(alerts()).extracting(Alert::state).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(alerts()).extracting(Alert::alertId).containsOnly(alerts().get(0).alertId());
        assertThat(latest().state()).isEqualTo(HealthPrediction.LowVoltageBattery.GOOD);
    }

    @Test
    void findsTheCrankWithoutIgnitionEventsFromTheFirstSampleOfATrip() throws Exception {
        clock += 3600;
        send(sample(++seq, clock, Signals.LV_BATTERY_VOLTAGE, 12.3, Signals.ENGINE_RPM, 0));
        send(sample(++seq, clock + 1, Signals.LV_BATTERY_VOLTAGE, 10.04, Signals.ENGINE_RPM, 0));
        for (int s = 2; s < 30; s++) {
            send(sample(++seq, clock + s, Signals.LV_BATTERY_VOLTAGE, 14.0, Signals.ENGINE_RPM, 1200));
        }
        assertThat(harness.extractOutputValues()).isNotEmpty();
        assertThat(latest().restingVoltage()).isEqualTo(12.3);
        assertThat(latest().noStartRisk()).as("a 10.04 V dip on a mild day: no cause for alarm").isBetween(0.05, 0.15);
    }
}
