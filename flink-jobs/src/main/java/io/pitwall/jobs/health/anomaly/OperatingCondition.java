package io.pitwall.jobs.health.anomaly;

import io.pitwall.jobs.input.VehicleInput;

import java.io.Serializable;

/**
 * When a rule may open an episode, e.g. "engine under load": low oil pressure at idle or a 12 V
 * dip while parked are normal, the same values while driving are not.
 */
@FunctionalInterface
public interface OperatingCondition extends Serializable {

    boolean holds(VehicleInput sample);

    OperatingCondition ALWAYS = sample -> true;

    /** True when the signal is present and at least {@code min}. */
    static OperatingCondition atLeast(String path, double min) {
        return sample -> {
            Double v = sample.signal(path);
            return v != null && v >= min;
        };
    }
}
