package io.pitwall.jobs.health.brakes;

/** Per-vehicle state of {@link BrakePadEstimator}. A Flink POJO. */
public class BrakeState {
    public AxleState front;
    public AxleState rear;
    public double lastSpeedKmh = Double.NaN;
    public long lastTs;
    /** Distance driven since first seen, integrated from speed, km. */
    public double distanceKm;
    public long dayStartTs;
    public double dayStartKm;
    public double kmPerDay = Double.NaN;
    public long firstTs;
    public long lastEmitTs = Long.MIN_VALUE;

    public BrakeState() {
    }
}
