package io.pitwall.jobs.health.anomaly;

import io.pitwall.contracts.alerts.Severity;

/**
 * Where one rule stands for one vehicle. Absent (no state) while everything is normal, so healthy
 * cars keep no state at all. A Flink POJO kept in keyed map state.
 */
public class Episode {

    /** Beyond the warning level, waiting out the minimum duration. */
    public static final int PENDING = 0;
    /** Alert sent; waiting for recovery. */
    public static final int ACTIVE = 1;

    public int phase;
    /** When the reading first went beyond the warning level: the episode's start and id. */
    public long start;
    public Severity severity;
    public double worst;
    /** When the reading came back past the clear level, or -1 while it has not. */
    public long recoveringSince = -1;

    public Episode() {
    }
}
