package io.pitwall.simulators.physics;

/**
 * Longitudinal energy balance of a car over one step: the change of kinetic energy is paid by
 * traction, or taken by road load, regenerative braking and the friction brakes. The split is
 * what the brake-wear and traction-battery models consume, so it must add up exactly.
 */
public final class VehicleDynamics {

    private static final double G = 9.81;
    private static final double AIR_DENSITY = 1.2;
    /** Below this speed regenerative braking fades out and the friction brakes hold the car. */
    private static final double REGEN_FADE_MPS = 2.5;

    private final double massKg;
    private final double dragAreaM2;
    private final double rollingCoefficient;
    private final double maxRegenWatts;

    public VehicleDynamics(double massKg, double dragAreaM2, double rollingCoefficient, double maxRegenWatts) {
        this.massKg = massKg;
        this.dragAreaM2 = dragAreaM2;
        this.rollingCoefficient = rollingCoefficient;
        this.maxRegenWatts = maxRegenWatts;
    }

    public double massKg() {
        return massKg;
    }

    /** Road load (rolling resistance and aerodynamic drag) at a speed, in newtons. */
    public double roadLoadNewtons(double speedMps) {
        if (speedMps <= 0) {
            return 0;
        }
        return massKg * G * rollingCoefficient + 0.5 * AIR_DENSITY * dragAreaM2 * speedMps * speedMps;
    }

    /**
     * The energy flows while the speed changes from {@code v0} to {@code v1} (m/s) over {@code dt}
     * seconds, with constant acceleration.
     */
    public Step step(double v0, double v1, double dt) {
        double mean = (v0 + v1) / 2;
        double distance = mean * dt;
        double kineticChange = 0.5 * massKg * (v1 * v1 - v0 * v0);
        double roadLoad = roadLoadNewtons(mean) * distance;
        double net = kineticChange + roadLoad;
        if (net >= 0) {
            return new Step(net, 0, 0, roadLoad, kineticChange, distance);
        }
        double braking = -net;
        double regenShare = mean >= REGEN_FADE_MPS ? 1 : mean / REGEN_FADE_MPS;
        double regen = Math.min(braking, maxRegenWatts * dt * regenShare);
        return new Step(0, braking - regen, regen, roadLoad, kineticChange, distance);
    }

    /**
     * @param tractionJoules     delivered at the wheels by the engine or motor
     * @param frictionBrakeJoules turned into heat in the pads and discs
     * @param regenJoules        recovered by the motor at the wheels (before conversion losses)
     * @param roadLoadJoules     lost to rolling resistance and drag
     * @param kineticChangeJoules change of kinetic energy; equals traction - friction - regen - road load
     * @param distanceMetres     covered during the step
     */
    public record Step(double tractionJoules, double frictionBrakeJoules, double regenJoules, double roadLoadJoules,
                       double kineticChangeJoules, double distanceMetres) {

        /** Deceleration the friction brakes provide, in m/s^2, averaged over the step. */
        public double frictionDeceleration(double massKg, double dt) {
            return distanceMetres <= 0 ? 0 : frictionBrakeJoules / distanceMetres / massKg;
        }
    }
}
