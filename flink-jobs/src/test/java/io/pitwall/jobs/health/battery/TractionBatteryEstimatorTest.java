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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TractionBatteryEstimatorTest {

    private static final double NAMEPLATE_KWH = 60;
    private static final double NOMINAL_VOLTS = 380;

    private KeyedOneInputStreamOperatorTestHarness<String, VehicleInput, HealthPrediction> harness;
    private long seq;
    private long ts = TestInputs.T0;
    private double odometer = 20_000;
    /** Exact SoC, percent; the car reports it rounded to 0.5 points like a real BMS display. */
    private double soc = 90;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new TractionBatteryEstimator(TractionBatteryEstimator.Settings.defaults()), VehicleInput::getVin,
                Types.STRING);
    }

    /** Drives (discharging at 30 A, 60 km/h) or charges (at 50 A) from the current SoC to {@code target}. */
    private void moveSocTo(double target, double sohPercent, double celsius) throws Exception {
        double capacityAh = NAMEPLATE_KWH * sohPercent / 100 * 1000 / NOMINAL_VOLTS;
        boolean discharge = target < soc;
        double amps = discharge ? 30 : -50;
        while (discharge ? soc > target : soc < target) {
            ts += 10_000;
            soc -= amps * 10 / 3600 / capacityAh * 100;
            if (discharge) {
                odometer += 60 * 10 / 3600.0;
            }
            Map<String, Double> signals = new LinkedHashMap<>();
            signals.put(Signals.HV_SOC, Math.round(soc * 2) / 2.0);
            signals.put(Signals.HV_CURRENT, amps);
            signals.put(Signals.HV_VOLTAGE, NOMINAL_VOLTS + (soc - 50) * 0.4);
            signals.put(Signals.HV_TEMP, celsius);
            signals.put(Signals.HV_GROSS_CAPACITY, NAMEPLATE_KWH);
            signals.put(Signals.ODOMETER, odometer);
            VehicleInput in = VehicleInput.sample(TestInputs.VIN, ++seq, ts, ts, "gw", signals);
            harness.processElement(in, in.ts);
        }
        ts += 3_600_000;
    }

    private void cycle(double sohPercent) throws Exception {
        moveSocTo(20, sohPercent, 25);
        moveSocTo(90, sohPercent, 25);
    }

    private HealthPrediction.TractionBattery latest() {
        List<HealthPrediction> out = harness.extractOutputValues();
        return out.get(out.size() - 1).tractionBattery();
    }

    private List<Alert> alerts() {
        var side = harness.getSideOutput(HealthOutputs.ALERTS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void stateOfHealthIsWithinThreePointsAfterTenChargeCycles() throws Exception {
        for (int i = 0; i < 10; i++) {
            cycle(91.5);
        }
        assertThat(latest().sohPercent()).isCloseTo(91.5, within(3.0));
        assertThat(alerts()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void fadeFollowsTheOdometerAndProjectsTheCrossingDates() throws Exception {
        double soh = 90;
        for (int i = 0; i < 30; i++, soh -= 0.2) {
            cycle(soh);
            odometer += 500;
        }
        HealthPrediction.TractionBattery battery = latest();
        // 0.2 points per cycle over ~545 km a cycle: about 3.7 points per 10,000 km.
        assertThat(battery.fadePer10000Km()).isNotNull().isBetween(2.0, 6.0);
        assertThat(battery.date80Percent()).isNotNull();
        assertThat(battery.date70Percent()).isNotNull().isGreaterThan(battery.date80Percent());
    }

    @Test
    void aDegradedBatteryRaisesOneAlertAfterEnoughEstimates() throws Exception {
        for (int i = 0; i < 6; i++) {
            cycle(76);
        }
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.HV_BATTERY_DEGRADED);
            assertThat(a.state()).isEqualTo(AlertState.OPEN);
            assertThat((Double) a.evidence().get("sohPercent")).isCloseTo(76, within(3.0));
        });
    }

    @Test
    void aQuickDropBelowTheCarsOwnNormalAlertsEvenAbove80Percent() throws Exception {
        for (int i = 0; i < 8; i++) {
            cycle(95);
        }
        for (int i = 0; i < 6; i++) {
            cycle(88);
        }
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.HV_BATTERY_DEGRADED);
            assertThat(a.severity()).isEqualTo(io.pitwall.contracts.alerts.Severity.WARNING);
            assertThat((Double) a.evidence().get("referenceSohPercent")).isCloseTo(95, within(3.0));
        });
    }

    @Test
    void aSteadyHealthyBatteryNeverAlerts() throws Exception {
        for (int i = 0; i < 20; i++) {
            cycle(93);
        }
        assertThat(alerts()).isEmpty();
    }

    @Test
    void windowsInTheColdAreNotCounted() throws Exception {
        moveSocTo(20, 90, -10);
        moveSocTo(90, 90, -10);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void medianIgnoresOneBadWindow() {
        assertThat(TractionBatteryEstimator.median(new double[] {91, 92, 40, 90, 91})).isEqualTo(91);
    }
}
