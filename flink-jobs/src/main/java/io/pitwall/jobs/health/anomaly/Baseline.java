package io.pitwall.jobs.health.anomaly;

/**
 * One car's learnt normal for one signal: exponentially weighted mean and variance, plus the
 * episode bookkeeping of a sustained deviation. A Flink POJO kept in keyed map state.
 */
public class Baseline {
    public long count;
    public double mean;
    public double variance;
    /** When |z| first went past the threshold in the current run, or -1. */
    public long deviatingSince = -1;
    /** Start of the open SIGNAL_ANOMALY episode, or -1. */
    public long episodeStart = -1;
    public long normalSince = -1;
    public double worstZ;

    public Baseline() {
    }

    void learn(double value, double alpha) {
        if (count == 0) {
            mean = value;
            variance = 0;
        } else {
            double a = Math.max(alpha, 1.0 / (count + 1));
            double delta = value - mean;
            mean += a * delta;
            variance = (1 - a) * (variance + a * delta * delta);
        }
        count++;
    }

    double z(double value, double minStd) {
        return (value - mean) / Math.max(Math.sqrt(variance), minStd);
    }
}
