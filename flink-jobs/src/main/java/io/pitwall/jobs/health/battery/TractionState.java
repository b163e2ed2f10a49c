package io.pitwall.jobs.health.battery;

/** Per-vehicle state of {@link TractionBatteryEstimator}. A Flink POJO. */
public class TractionState {
    /** Open coulomb-counting window: where it started and what flowed since. */
    public double windowStartSoc = Double.NaN;
    public double windowAmpHours;
    public double windowVoltSeconds;
    public double windowSeconds;
    public long lastTs = -1;
    public double lastCurrent;
    /** Newest capacity estimates as SoH percent, oldest first (at most MAX_ESTIMATES). */
    public double[] estimates = new double[0];
    /** Least-squares sums of (odometer km, SoH) over all estimates, for the fade trend. */
    public int n;
    public double sumX;
    public double sumY;
    public double sumXX;
    public double sumXY;
    public double firstOdometer = Double.NaN;
    public double lastOdometer = Double.NaN;
    public long firstOdometerTs;
    public double nameplateKwh = Double.NaN;
    /** The car's own established SoH (median of its first estimates), or NaN until known. */
    public double referenceSoh = Double.NaN;
    public int estimateCount;
    public long degradedSince = -1;
    public String degradedSeverity;

    public TractionState() {
    }
}
