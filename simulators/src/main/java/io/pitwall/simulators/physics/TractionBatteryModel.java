package io.pitwall.simulators.physics;

/**
 * The high-voltage traction battery of an electric car. State of charge is counted in coulombs
 * against the present (faded) capacity, so the current and the SoC a car reports agree; terminal
 * voltage sags under load; cell temperature follows I^2R heat and the ambient; capacity fades
 * with equivalent full cycles and calendar time, faster when hot (and much faster when degraded).
 */
public final class TractionBatteryModel {

    /** Cycle ageing: about 20 % after 1,500 equivalent full cycles. */
    private static final double CYCLE_FADE = 0.20 / 1500;
    /** Calendar ageing: about 2 % a year at 25 deg C. */
    private static final double CALENDAR_FADE_PER_DAY = 0.02 / 365;
    private static final double THERMAL_MASS_J_PER_K = 350_000;
    private static final double COOLING_W_PER_K = 60;

    private final double nameplateKwh;
    private final int seriesCells;
    private final double packResistanceOhm;
    private double health;
    private double soc;
    private double temperatureC;
    private double lastCurrentA;
    private double equivalentCycles;
    private double ageingMultiplier = 1.0;

    public TractionBatteryModel(double nameplateKwh, int seriesCells, double health, double soc, double temperatureC) {
        this.nameplateKwh = nameplateKwh;
        this.seriesCells = seriesCells;
        this.packResistanceOhm = 0.0011 * seriesCells;
        this.health = health;
        this.soc = soc;
        this.temperatureC = temperatureC;
    }

    public double nameplateKwh() {
        return nameplateKwh;
    }

    /** Nominal charge capacity of the new pack, in ampere-hours. */
    public double nominalAh() {
        return nameplateKwh * 1000 / nominalVolts();
    }

    /** The voltage the nameplate kWh is rated at: 3.65 V per cell, usual for NMC cells. */
    public double nominalVolts() {
        return seriesCells * 3.65;
    }

    /** Present capacity in ampere-hours: what the coulomb count runs against. */
    public double capacityAh() {
        return nominalAh() * health;
    }

    /** State of health: present capacity as a share of nameplate. */
    public double health() {
        return health;
    }

    public double soc() {
        return soc;
    }

    public double temperatureC() {
        return temperatureC;
    }

    public double currentA() {
        return lastCurrentA;
    }

    public double equivalentFullCycles() {
        return equivalentCycles;
    }

    public double openCircuitVolts() {
        double cell = 3.3 + 0.85 * soc + 0.05 * Math.sin(Math.PI * soc);
        return cell * seriesCells;
    }

    public double terminalVolts() {
        return openCircuitVolts() - lastCurrentA * packResistanceOhm;
    }

    /**
     * Draws {@code watts} at the terminals for {@code seconds} (negative = charging) at ambient
     * {@code ambientC}, and returns the current in amps (positive = discharge).
     */
    public double draw(double watts, double seconds, double ambientC) {
        double ocv = openCircuitVolts();
        // P = (OCV - I R) I  ->  the smaller root of R I^2 - OCV I + P = 0
        double disc = ocv * ocv - 4 * packResistanceOhm * watts;
        double amps = (ocv - Math.sqrt(Math.max(0, disc))) / (2 * packResistanceOhm);
        double ampHours = amps * seconds / 3600;
        double before = soc;
        soc = Math.max(0, Math.min(1, soc - ampHours / capacityAh()));
        double cycled = Math.abs(soc - before) / 2;
        equivalentCycles += cycled;
        double heat = Math.pow(2, (temperatureC - 25) / 10);
        health = Math.max(0.3, health - CYCLE_FADE * cycled * heat * ageingMultiplier);
        double heatIn = amps * amps * packResistanceOhm;
        double heatOut = COOLING_W_PER_K * (temperatureC - ambientC) + (temperatureC > 35 ? 400 * (temperatureC - 35) : 0);
        temperatureC += (heatIn - heatOut) * seconds / THERMAL_MASS_J_PER_K;
        lastCurrentA = amps;
        return amps;
    }

    /** Calendar ageing over {@code days}, at the pack's present temperature. */
    public void age(double days) {
        double heat = Math.pow(2, (temperatureC - 25) / 10);
        health = Math.max(0.3, health - CALENDAR_FADE_PER_DAY * heat * days * ageingMultiplier);
    }

    /** Degraded cells (lithium plating, a weak module) age many times faster. */
    public void setAgeingMultiplier(double multiplier) {
        this.ageingMultiplier = multiplier;
    }

    /** Applies a one-off loss of capacity (a module failing), as a share of nameplate. */
    public void loseCapacity(double share) {
        health = Math.max(0.3, health - share);
    }
}
