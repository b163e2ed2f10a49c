package io.pitwall.jobs.health.battery;

/** Per-vehicle state of {@link LowVoltageBatteryEstimator}. A Flink POJO. */
public class LowVoltageState {
    /** Start of the current crank window (ignition on or first sample of a trip), or -1. */
    public long crankWindowStart = -1;
    public double crankWindowMin = Double.NaN;
    public boolean engineStartedInWindow;
    public double restingVoltage = Double.NaN;
    public double restingAt;
    public double crankDip = Double.NaN;
    public double crankDipCelsius = Double.NaN;
    public double airCelsius = Double.NaN;
    public long lastSampleTs = -1;
    public long ignitionOffAt = -1;
    public double risk = Double.NaN;
    public long lowSince = -1;
    public String lowSeverity;

    public LowVoltageState() {
    }
}
