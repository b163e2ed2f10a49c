package io.pitwall.simulators.fleet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One combustion car driving an endless urban cycle: pull away, cruise, brake to a stop, wait.
 * Everything it reports follows from its state and a random stream seeded by its VIN, so the
 * same VIN and seed always produce the same samples.
 */
public final class SimulatedVehicle {

    private static final double IDLE_RPM = 750;
    private static final double AMBIENT_C = 22;
    private static final double THERMOSTAT_C = 90;

    private final String vin;
    private final SplittableRandom random;
    private long seq;
    private double speedKmh;
    private double targetKmh;
    private double odometerKm;
    private double coolantC = AMBIENT_C;
    private double fuelPct;
    private double phaseSecondsLeft;
    private Phase phase = Phase.WAIT;

    private enum Phase { ACCELERATE, CRUISE, BRAKE, WAIT }

    public SimulatedVehicle(String vin, long seed) {
        this.vin = vin;
        this.random = new SplittableRandom(seed ^ vin.hashCode());
        this.odometerKm = 5_000 + random.nextDouble() * 60_000;
        this.fuelPct = 40 + random.nextDouble() * 55;
        this.phaseSecondsLeft = 2 + random.nextInt(5);
    }

    public String vin() {
        return vin;
    }

    /** Advances the car by {@code dtSeconds} and returns the signals it would report now. */
    public Sample step(long tsMillis, double dtSeconds) {
        double previousKmh = speedKmh;
        advancePhase(dtSeconds);
        double accel = (speedKmh - previousKmh) / 3.6 / dtSeconds;
        odometerKm += (previousKmh + speedKmh) / 2 * dtSeconds / 3600;
        coolantC += (THERMOSTAT_C - coolantC) * Math.min(1, dtSeconds / 240);
        fuelPct = Math.max(5, fuelPct - speedKmh * dtSeconds / 3600 * 0.012);
        double rpm = speedKmh < 1 ? IDLE_RPM : IDLE_RPM + speedKmh * 28 + random.nextDouble() * 60;
        Map<String, Double> signals = new LinkedHashMap<>();
        signals.put("Vehicle.Speed", round(speedKmh, 1));
        signals.put("Vehicle.TraveledDistance", round(odometerKm, 3));
        signals.put("Vehicle.Acceleration.Longitudinal", round(accel, 2));
        signals.put("Vehicle.Chassis.Brake.PedalPosition", phase == Phase.BRAKE ? round(20 + random.nextDouble() * 30, 0) : 0.0);
        signals.put("Vehicle.Powertrain.CombustionEngine.Speed", round(rpm, 0));
        signals.put("Vehicle.Powertrain.CombustionEngine.ECT", round(coolantC + random.nextDouble() * 0.4, 1));
        signals.put("Vehicle.OBD.EngineLoad", round(phase == Phase.ACCELERATE ? 55 + random.nextDouble() * 20 : 18 + random.nextDouble() * 8, 1));
        signals.put("Vehicle.OBD.FuelLevel", round(fuelPct, 1));
        signals.put("Vehicle.LowVoltageBattery.CurrentVoltage", round(14.1 + random.nextDouble() * 0.2, 2));
        return new Sample(vin, ++seq, tsMillis, signals);
    }

    private void advancePhase(double dt) {
        phaseSecondsLeft -= dt;
        switch (phase) {
            case ACCELERATE -> speedKmh = Math.min(targetKmh, speedKmh + 2.2 * 3.6 * dt);
            case BRAKE -> speedKmh = Math.max(0, speedKmh - 2.8 * 3.6 * dt);
            case CRUISE -> speedKmh = Math.max(0, targetKmh + (random.nextDouble() - 0.5) * 3);
            case WAIT -> speedKmh = 0;
        }
        if (phaseSecondsLeft > 0 && !(phase == Phase.BRAKE && speedKmh == 0)) {
            return;
        }
        switch (phase) {
            case WAIT -> {
                phase = Phase.ACCELERATE;
                targetKmh = 30 + random.nextInt(35);
                phaseSecondsLeft = targetKmh / 3.6 / 2.2;
            }
            case ACCELERATE -> {
                phase = Phase.CRUISE;
                phaseSecondsLeft = 20 + random.nextInt(60);
            }
            case CRUISE -> {
                phase = Phase.BRAKE;
                phaseSecondsLeft = speedKmh / 3.6 / 2.8 + 1;
            }
            case BRAKE -> {
                phase = Phase.WAIT;
                phaseSecondsLeft = 5 + random.nextInt(40);
            }
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** One sample as the contract's single-sample telemetry message describes it. */
    public record Sample(String vin, long seq, long ts, Map<String, Double> signals) {
    }
}
