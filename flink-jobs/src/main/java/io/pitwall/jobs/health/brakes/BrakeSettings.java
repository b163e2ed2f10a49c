package io.pitwall.jobs.health.brakes;

import java.io.Serializable;
import java.time.Duration;

/**
 * Parameters of the brake-pad estimator.
 *
 * @param physics               the car model that turns speed into friction braking energy
 * @param frontWearPerJoule     prior wear coefficient of the front pads, percent per joule, until calibrated
 * @param rearWearPerJoule      the same for the rear pads
 * @param replacementPercent    wear at which pads must be replaced (remaining km and days count down to it)
 * @param warnPercent           BRAKE_PADS_WORN WARNING at this wear
 * @param warnKm                ... or when fewer km than this remain to the replacement threshold
 * @param calibrationJoules     how widely (in friction energy) sensor readings must spread before the
 *                              car's own coefficient is fitted through them
 * @param emitInterval          at most one health update per vehicle per this much event time
 */
public record BrakeSettings(BrakingPhysics physics, double frontWearPerJoule, double rearWearPerJoule,
                            double replacementPercent, double warnPercent, double warnKm,
                            double calibrationJoules, Duration emitInterval) implements Serializable {

    /**
     * Priors: front pads last about 50,000 km of mixed driving, which dissipates roughly 130 kJ
     * of friction braking per km on the front axle; rear pads last about twice as long with 30 %
     * of the braking.
     */
    public static BrakeSettings defaults() {
        return new BrakeSettings(BrakingPhysics.passengerCar(), 1.5e-8, 1.7e-8, 85, 75, 1000, 3e7,
                Duration.ofMinutes(10));
    }
}
