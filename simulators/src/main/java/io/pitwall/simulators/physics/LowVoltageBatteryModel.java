package io.pitwall.simulators.physics;

/**
 * The 12 V lead-acid battery: state of charge drained by the parked car's quiescent current and
 * refilled by the alternator or DC-DC converter; capacity and internal resistance ageing with
 * time (much faster when failing). The voltage it shows is resting (open-circuit plus fading
 * surface charge), charging, or the dip while the starter cranks.
 */
public final class LowVoltageBatteryModel {

    public static final double CHARGING_VOLTS = 14.2;
    public static final double CRANK_AMPS = 160;
    /** Below this cranking voltage a starter no longer turns the engine over. */
    public static final double NO_START_VOLTS = 7.8;
    private static final double NEW_RESISTANCE_OHM = 0.009;
    /** Healthy calendar ageing: about 20 % of capacity over five years. */
    private static final double HEALTHY_FADE_PER_DAY = 0.20 / (5 * 365);

    private final double nominalAh;
    private double health;
    private double soc;
    private double surfaceVolts;
    private double fadePerDay = HEALTHY_FADE_PER_DAY;
    private double failingFadePerDay;
    private double selfDischargeAmps;

    public LowVoltageBatteryModel(double nominalAh, double health, double soc) {
        this.nominalAh = nominalAh;
        this.health = health;
        this.soc = soc;
    }

    /** Capacity as a share of nameplate (1 = new). */
    public double health() {
        return health;
    }

    public double capacityAh() {
        return nominalAh * health;
    }

    public double soc() {
        return soc;
    }

    public double internalResistanceOhm() {
        return NEW_RESISTANCE_OHM / Math.max(0.08, health * health);
    }

    /** Open-circuit voltage of a lead-acid battery: about 11.8 V empty to 12.7 V full. */
    public double openCircuitVolts() {
        return 11.8 + 0.9 * soc;
    }

    /** Voltage with no load, including the surface charge left after charging. */
    public double restingVolts() {
        return openCircuitVolts() + surfaceVolts;
    }

    /** Voltage at the terminals while the starter motor draws its current. */
    public double crankingVolts() {
        return openCircuitVolts() - CRANK_AMPS * internalResistanceOhm();
    }

    /** Voltage while the alternator or DC-DC converter charges; a weak battery pulls it down a little. */
    public double chargingVolts() {
        return CHARGING_VOLTS - (1 - soc) * 0.4;
    }

    /** Discharge (positive amps) or charge (negative amps) for {@code seconds}. */
    public void flow(double amps, double seconds) {
        double ampHours = (amps + selfDischargeAmps) * seconds / 3600;
        if (amps < 0) {
            // Charge acceptance falls as the battery fills.
            ampHours *= Math.max(0.05, 1 - soc);
            surfaceVolts = Math.min(0.45, surfaceVolts + 0.02 * seconds / 60);
        } else {
            surfaceVolts = Math.max(0, surfaceVolts - surfaceVolts * Math.min(1, seconds / 1800));
        }
        soc = clamp(soc - ampHours / capacityAh(), 0, 1);
    }

    /** Calendar ageing over {@code days} of simulated time; heat speeds it up. */
    public void age(double days, double ambientC) {
        double heat = Math.pow(2, (ambientC - 25) / 10);
        health = Math.max(0.05, health - (fadePerDay * heat + failingFadePerDay) * days);
    }

    /**
     * A failing battery (sulphated plates, a shorting cell) loses capacity within weeks, whatever
     * the weather, and discharges itself, so its resting voltage sags overnight.
     */
    public void startFailing(double fadePerDay, double selfDischargeAmps) {
        this.failingFadePerDay = fadePerDay;
        this.selfDischargeAmps = selfDischargeAmps;
    }

    public void replace() {
        health = 1.0;
        soc = 0.9;
        fadePerDay = HEALTHY_FADE_PER_DAY;
        failingFadePerDay = 0;
        selfDischargeAmps = 0;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
