package io.pitwall.simulators.physics;

/**
 * Ground truth of the brake pads: each axle's pad thickness shrinks in proportion to the friction
 * braking energy it absorbs. The front axle takes most of the braking. A fault multiplies the
 * wear rate (sticking caliper, poor-quality pads).
 */
public final class BrakeWearModel {

    /** Front share of the friction braking energy (typical brake balance of a passenger car). */
    public static final double FRONT_SHARE = 0.7;
    public static final double FRONT_NEW_MM = 12.0;
    public static final double REAR_NEW_MM = 10.0;
    /** Thickness at which a sensor reports 100 % worn (the backing plate is near). */
    public static final double WORN_MM = 2.0;
    /** Millimetres of pad lost per megajoule absorbed by one axle: about 40,000 km of mixed driving for front pads. */
    static final double MM_PER_MEGAJOULE = 0.0022;

    private double frontMm;
    private double rearMm;
    private double wearMultiplier = 1.0;
    private double frontEnergyJ;
    private double rearEnergyJ;

    public BrakeWearModel(double frontMm, double rearMm) {
        this.frontMm = frontMm;
        this.rearMm = rearMm;
    }

    /** Absorbs {@code frictionJoules} of braking energy, split between the axles. */
    public void absorb(double frictionJoules) {
        if (frictionJoules <= 0) {
            return;
        }
        double front = frictionJoules * FRONT_SHARE;
        double rear = frictionJoules - front;
        frontEnergyJ += front;
        rearEnergyJ += rear;
        frontMm = Math.max(0.5, frontMm - front / 1e6 * MM_PER_MEGAJOULE * wearMultiplier);
        rearMm = Math.max(0.5, rearMm - rear / 1e6 * MM_PER_MEGAJOULE * wearMultiplier);
    }

    public void setWearMultiplier(double multiplier) {
        this.wearMultiplier = multiplier;
    }

    public void replaceFront() {
        frontMm = FRONT_NEW_MM;
    }

    public void replaceRear() {
        rearMm = REAR_NEW_MM;
    }

    public double frontMm() {
        return frontMm;
    }

    public double rearMm() {
        return rearMm;
    }

    public double frontEnergyJoules() {
        return frontEnergyJ;
    }

    public double rearEnergyJoules() {
        return rearEnergyJ;
    }

    /** What a wear sensor on the front axle reports: 0 % for new pads, 100 % at {@link #WORN_MM}. */
    public double frontWornPercent() {
        return wornPercent(frontMm, FRONT_NEW_MM);
    }

    public double rearWornPercent() {
        return wornPercent(rearMm, REAR_NEW_MM);
    }

    static double wornPercent(double mm, double newMm) {
        return Math.max(0, Math.min(100, (newMm - mm) / (newMm - WORN_MM) * 100));
    }
}
