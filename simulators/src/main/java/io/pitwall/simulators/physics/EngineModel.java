package io.pitwall.simulators.physics;

/**
 * A 1.5-2.0 L petrol engine as the OBD port sees it: speed from the gear the driver would pick,
 * load from the power asked of it, a lumped thermal model of coolant warm-up and thermostat
 * regulation, and oil pressure from speed and oil viscosity. A cooling fault (leak, failed fan or
 * water pump) scales the radiator's capacity down.
 */
public final class EngineModel {

    public static final double IDLE_RPM = 750;
    static final double THERMOSTAT_OPEN_C = 88;
    /** km/h per 1000 rpm in each gear of a six-speed gearbox. */
    private static final double[] KMH_PER_1000_RPM = {8, 14, 21, 29, 37, 45};
    private static final double MAX_POWER_W = 90_000;
    /** Engine block, oil and coolant lumped together. */
    private static final double THERMAL_MASS_J_PER_K = 75_000;
    private static final double RADIATOR_W_PER_K = 12_000;
    private static final double SHELL_W_PER_K = 45;

    private double coolantC;
    private double rpm;
    private double loadPct;
    private boolean running;
    private double radiatorCapacity = 1.0;

    public EngineModel(double coolantC) {
        this.coolantC = coolantC;
    }

    /**
     * Runs (or rests, if not running) for {@code seconds} at {@code speedKmh} while delivering
     * {@code tractionWatts} at the wheels.
     */
    public void step(boolean running, double speedKmh, double accelMps2, double tractionWatts, double seconds, double ambientC) {
        this.running = running;
        if (!running) {
            rpm = 0;
            loadPct = 0;
            coolantC += -(coolantC - ambientC) * SHELL_W_PER_K * 1.6 * seconds / THERMAL_MASS_J_PER_K;
            return;
        }
        rpm = rpmFor(speedKmh, accelMps2);
        double engineWatts = tractionWatts / 0.9 + 2_500;
        loadPct = Math.min(100, 12 + engineWatts / MAX_POWER_W * 88);
        // About 1.2 W of heat into the coolant per watt of shaft power, plus friction heat that grows with speed.
        double heatIn = 1.2 * engineWatts + rpm * 2.2;
        double opening = Math.max(0, Math.min(1, (coolantC - THERMOSTAT_OPEN_C) / 6));
        // The electric fan cuts in above 96 deg C.
        double airflow = 1 + speedKmh / 60 + (coolantC > 96 ? 2 : 0);
        double heatOut = RADIATOR_W_PER_K * radiatorCapacity * opening * (coolantC - ambientC) / 60 * airflow
                + SHELL_W_PER_K * (coolantC - ambientC);
        coolantC += (heatIn - heatOut) * seconds / THERMAL_MASS_J_PER_K;
    }

    static double rpmFor(double speedKmh, double accelMps2) {
        if (speedKmh < 4) {
            return IDLE_RPM;
        }
        double shiftUpAt = accelMps2 > 1.0 ? 2600 : 1900;
        double rpm = speedKmh / KMH_PER_1000_RPM[0] * 1000;
        for (double kmhPer1000 : KMH_PER_1000_RPM) {
            rpm = speedKmh / kmhPer1000 * 1000;
            if (rpm < shiftUpAt) {
                break;
            }
        }
        return Math.max(IDLE_RPM + 150, rpm);
    }

    public double coolantC() {
        return coolantC;
    }

    public double rpm() {
        return rpm;
    }

    public double loadPct() {
        return loadPct;
    }

    public boolean running() {
        return running;
    }

    /** Oil pressure in kPa: rises with speed, higher while the oil is cold and thick, zero when off. */
    public double oilPressureKpa() {
        if (!running) {
            return 0;
        }
        double viscosity = 1 + Math.max(0, 80 - coolantC) / 120;
        return Math.min(520, (90 + rpm * 0.095) * viscosity);
    }

    /** 1 = healthy radiator and fan; lower values model a leak or failed fan. */
    public void setRadiatorCapacity(double share) {
        this.radiatorCapacity = share;
    }
}
