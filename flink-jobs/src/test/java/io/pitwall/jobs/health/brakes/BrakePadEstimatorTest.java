package io.pitwall.jobs.health.brakes;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
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

class BrakePadEstimatorTest {

    /** The simulated car's true front-pad coefficient: a third higher than the estimator's prior. */
    private static final double TRUE_FRONT_K = 2.0e-8;
    private static final BrakingPhysics PHYSICS = BrakingPhysics.passengerCar();

    private KeyedOneInputStreamOperatorTestHarness<String, VehicleInput, HealthPrediction> harness;
    private long seq;
    private long second;
    private double trueFrontWear;
    private double previousSpeed;
    /** When set, samples carry the odometer (VSS TraveledDistance). */
    private boolean reportOdometer;
    private double odometerKm = 20_000;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new BrakePadEstimator(BrakeSettings.defaults()), VehicleInput::getVin, Types.STRING);
    }

    /** One stop-and-go cycle at 1 Hz: 0 to 50 km/h, cruise, brake to a stop, wait. */
    private void cycle(boolean reportSensor, double startWear) throws Exception {
        cycle(reportSensor, startWear, true);
    }

    /** ... or, when not {@code sampled}, the same driving with the device silent (it still wears the pads). */
    private void cycle(boolean reportSensor, double startWear, boolean sampled) throws Exception {
        for (int t = 0; t < 56; t++) {
            double speed = t < 10 ? t * 5.0 : t < 40 ? 50 : t < 46 ? 50 - (t - 39) * 50 / 6.0 : 0;
            speed = Math.max(0, speed);
            boolean braking = t >= 40 && t < 46;
            trueFrontWear += TRUE_FRONT_K * PHYSICS.frontShare()
                    * PHYSICS.frictionJoules(previousSpeed, speed, 1, braking ? 30.0 : 0.0, true, 0);
            odometerKm += (previousSpeed + speed) / 2 / 3600;
            previousSpeed = speed;
            if (!sampled) {
                second++;
                continue;
            }
            Map<String, Double> signals = new LinkedHashMap<>();
            if (reportOdometer) {
                signals.put(Signals.ODOMETER, Math.round(odometerKm * 1000) / 1000.0);
            }
            signals.put(Signals.SPEED, speed);
            signals.put(Signals.ENGINE_RPM, 1500.0);
            signals.put(Signals.BRAKE_PEDAL, braking ? 30.0 : 0.0);
            if (reportSensor && t == 55) {
                // Wear sensors report whole percent.
                signals.put(Signals.PAD_WEAR_FRONT_LEFT, (double) Math.round(startWear + trueFrontWear));
            }
            send(VehicleInput.sample(TestInputs.VIN, ++seq, TestInputs.T0 + (second++) * 1000, 0, "gw", signals));
        }
    }

    private void send(VehicleInput input) throws Exception {
        harness.processElement(input, input.ts);
    }

    private HealthPrediction.AxleWear latestFront() {
        List<HealthPrediction> out = harness.extractOutputValues();
        return out.get(out.size() - 1).brakePads().front();
    }

    private List<Alert> alerts() {
        var side = harness.getSideOutput(HealthOutputs.ALERTS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void remainingKmIsWithinFifteenPercentOfTruthAfter500KmWithASensor() throws Exception {
        double startWear = 20;
        int cycles = 0;
        while (cycles < 1200) {
            cycle(cycles % 40 == 0, startWear);
            cycles++;
        }
        double km = cycles * 0.53;
        assertThat(km).isGreaterThan(500);
        HealthPrediction.AxleWear front = assertFrontMatchesTruth(startWear, km);
        assertThat(front.confidence()).isGreaterThanOrEqualTo(0.8);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    /**
     * Devices leave stretches of driving unsampled (a parked reporting rate in the first minutes of
     * a trip, dead zones): here every fourth cycle. The sensor still sees the wear done there, so
     * with the odometer the unseen km get their share of braking energy, and the projection stays
     * within 15 %. (Fitting the coefficient to the sampled energy while taking the energy per km
     * from the sampled km only made it a quarter short.)
     */
    @Test
    void unsampledDrivingStillCountsWhenTheCarReportsItsOdometer() throws Exception {
        reportOdometer = true;
        double startWear = 20;
        int cycles = 0;
        while (cycles < 1600) {
            cycle(cycles % 40 == 0, startWear, cycles % 4 != 3);
            cycles++;
        }
        double km = odometerKm - 20_000;
        assertThat(km).isGreaterThan(800);
        assertFrontMatchesTruth(startWear, km);
    }

    /**
     * The newest front-axle estimate against the truth of the cycles driven: km to the 85 %
     * threshold within 15 % of what the true wear rate gives, wear within 1.5 points.
     */
    private HealthPrediction.AxleWear assertFrontMatchesTruth(double startWear, double km) {
        double trueWearPerKm = trueFrontWear / km;
        double trueRemaining = (85 - (startWear + trueFrontWear)) / trueWearPerKm;
        HealthPrediction.AxleWear front = latestFront();
        assertThat(front.kmToThreshold()).isNotNull();
        assertThat(front.kmToThreshold()).isBetween(trueRemaining * 0.85, trueRemaining * 1.15);
        assertThat(front.wearPercent()).isCloseTo(startWear + trueFrontWear, org.assertj.core.data.Offset.offset(1.5));
        return front;
    }

    @Test
    void wornPadsAlertOnceEscalateAndResolveWhenReplaced() throws Exception {
        cycle(true, 74);
        for (int i = 0; i < 30; i++) {
            cycle(false, 0);
        }
        cycle(true, 76);
        cycle(true, 86);
        send(TestInputs.event(++seq, second++, "SERVICE_DONE", null, List.of("BRAKE_PADS_FRONT")));
        cycle(false, 0);

        assertThat(alerts()).extracting(Alert::state)
                .containsExactly(AlertState.OPEN, AlertState.ESCALATED, AlertState.RESOLVED);
        assertThat(alerts()).extracting(Alert::severity)
                .containsExactly(Severity.WARNING, Severity.CRITICAL, Severity.CRITICAL);
        assertThat(alerts()).allSatisfy(a -> assertThat(a.kind()).isEqualTo(AlertKind.BRAKE_PADS_WORN));
        assertThat(alerts()).extracting(Alert::alertId).containsOnly(alerts().get(0).alertId());
        assertThat(latestFront().wearPercent()).isLessThan(1);
    }

    @Test
    void withoutSensorOrServiceTheEstimateSaysItKnowsLittle() throws Exception {
        for (int i = 0; i < 20; i++) {
            cycle(false, 0);
        }
        assertThat(latestFront().confidence()).isLessThan(0.3);
        assertThat(alerts()).isEmpty();
    }
}
