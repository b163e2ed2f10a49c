package io.pitwall.jobs.health.brakes;

import java.io.Serializable;

/**
 * How much energy a car's friction brakes turn into heat between two samples. The car's loss of
 * kinetic energy is what braking, rolling resistance, air drag and engine braking took together;
 * the last three are modelled and removed, and what an EV recovers by regeneration is removed too.
 * What is left wore the pads. When the brake pedal is reported and released, the friction brakes
 * did nothing, whatever the deceleration.
 *
 * @param massKg               vehicle mass with a typical load
 * @param rollingCoefficient   tyre rolling resistance coefficient (dimensionless)
 * @param dragAreaM2           drag coefficient times frontal area, Cd*A
 * @param engineBrakingMs2     deceleration an engine in gear gives with the throttle closed
 * @param frontShare           share of friction braking done by the front axle (brake bias)
 */
public record BrakingPhysics(double massKg, double rollingCoefficient, double dragAreaM2, double engineBrakingMs2,
                             double frontShare) implements Serializable {

    private static final double G = 9.81;
    private static final double AIR_DENSITY = 1.2;

    /** A mid-size passenger car: 1,550 kg, Crr 0.011, CdA 0.68 m2, 70 % front bias. */
    public static BrakingPhysics passengerCar() {
        return new BrakingPhysics(1550, 0.011, 0.68, 0.25, 0.7);
    }

    /**
     * Friction braking energy in joules between two speed readings.
     *
     * @param speed0Kmh      speed at the earlier sample
     * @param speed1Kmh      speed at the later sample
     * @param seconds        time between them
     * @param pedalPercent   brake pedal position, or null when the car does not report it
     * @param engineInGear   true when the engine can brake (combustion engine running)
     * @param regenJoules    energy an EV recovered over the interval (0 for a combustion car)
     */
    public double frictionJoules(double speed0Kmh, double speed1Kmh, double seconds, Double pedalPercent,
                                 boolean engineInGear, double regenJoules) {
        if (seconds <= 0 || speed1Kmh >= speed0Kmh) {
            return 0;
        }
        if (pedalPercent != null && pedalPercent <= 0) {
            return 0;
        }
        double v0 = speed0Kmh / 3.6;
        double v1 = speed1Kmh / 3.6;
        double meanV = (v0 + v1) / 2;
        double kineticLoss = 0.5 * massKg * (v0 * v0 - v1 * v1);
        double distance = meanV * seconds;
        double rolling = rollingCoefficient * massKg * G * distance;
        double drag = 0.5 * AIR_DENSITY * dragAreaM2 * meanV * meanV * distance;
        double engine = engineInGear && meanV > 2 ? massKg * engineBrakingMs2 * distance : 0;
        return Math.max(0, kineticLoss - rolling - drag - engine - regenJoules);
    }
}
