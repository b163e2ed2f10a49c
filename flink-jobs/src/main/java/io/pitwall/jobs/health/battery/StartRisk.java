package io.pitwall.jobs.health.battery;

import java.io.Serializable;

/**
 * The chance that the next engine start fails, from how far the battery's voltage fell while
 * cranking. A healthy battery stays above about 9.6 V while cranking at 20 C (the classic load-test
 * floor), and a colder morning drags the dip lower (about 0.03 V per degree, rule of thumb). The
 * margin above the floor is turned into a probability with a logistic curve: 0.5 at the floor,
 * about 0.1 half a volt above it. The battery's state of charge is not added on top: the dip was
 * measured at that charge and already shows it.
 *
 * @param floorVolts           lowest cranking voltage that still starts the engine
 * @param voltsPerDegree       how much lower the dip gets per degree colder than when it was measured
 * @param spreadVolts          width of the logistic curve
 */
public record StartRisk(double floorVolts, double voltsPerDegree, double spreadVolts) implements Serializable {

    public static StartRisk defaults() {
        return new StartRisk(9.6, 0.03, 0.2);
    }

    /**
     * @param crankDipVolts     the lowest voltage seen while cranking, recently
     * @param measuredAtCelsius air temperature when that dip was measured (NaN if unknown)
     * @param nextStartCelsius  expected temperature at the next start (NaN if unknown)
     */
    public double probability(double crankDipVolts, double measuredAtCelsius, double nextStartCelsius) {
        double dip = crankDipVolts;
        if (!Double.isNaN(measuredAtCelsius) && !Double.isNaN(nextStartCelsius) && nextStartCelsius < measuredAtCelsius) {
            dip -= voltsPerDegree * (measuredAtCelsius - nextStartCelsius);
        }
        double margin = dip - floorVolts;
        return 1 / (1 + Math.exp(margin / spreadVolts));
    }

    /** State of charge of a lead-acid battery from its resting voltage (11.9 V empty, 12.7 V full). */
    public static double stateOfCharge(double restingVolts) {
        return Math.max(0, Math.min(1, (restingVolts - 11.9) / 0.8));
    }
}
