package io.pitwall.jobs.health.brakes;

/**
 * Per-vehicle state of {@link BrakePadEstimator}. A Flink POJO.
 *
 * <p>Two distances are kept. <em>Seen</em> km are those between speed samples close enough to
 * integrate: only there is the braking energy known. The car's distance is its odometer's when it
 * reports one (speed integration otherwise): devices leave gaps (the start of a trip before the
 * device reaches its driving rate, dead zones, samples too late to analyse), and the pads wear in
 * them too. The friction energy per km is measured over seen km only; odometer km that were not
 * seen get that rate's energy added to the axles.
 */
public class BrakeState {
    public AxleState front;
    public AxleState rear;
    public double lastSpeedKmh = Double.NaN;
    public long lastTs;
    /** Distance driven since first seen, km: from the odometer when the car reports one. */
    public double distanceKm;
    /** Distance covered by integrated sample intervals, km. */
    public double seenKm;
    /** Friction energy (both axles) over the seen km, joules. */
    public double seenJoules;
    /** Last odometer reading, km, or NaN until the car reports one. */
    public double lastOdometerKm = Double.NaN;
    public long lastOdometerTs;
    public double seenKmAtOdometer;
    /** Odometer km not covered by integrated intervals whose energy is not yet added (signed: rounding). */
    public double unseenKm;
    /** Start of the open friction-energy-per-km window (seen km and joules). */
    public double usageWindowKm;
    public double usageWindowJoules;
    /** Exponentially decayed sums of closed windows: their ratio is the usage rate, J/km. */
    public double usageKm;
    public double usageJoules;
    public long dayStartTs;
    public double dayStartKm;
    public double kmPerDay = Double.NaN;
    public long firstTs;
    public long lastEmitTs = Long.MIN_VALUE;

    public BrakeState() {
    }

    /** Friction braking energy per km (both axles) over the last couple of thousand km, or NaN until measured. */
    double joulesPerKm() {
        return usageKm > 0 ? usageJoules / usageKm : Double.NaN;
    }
}
