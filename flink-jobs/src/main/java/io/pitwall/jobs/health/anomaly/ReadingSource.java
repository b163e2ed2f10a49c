package io.pitwall.jobs.health.anomaly;

import io.pitwall.jobs.input.VehicleInput;

import java.io.Serializable;

/** Picks the value a rule watches out of a sample; null when the sample does not carry it. */
@FunctionalInterface
public interface ReadingSource extends Serializable {

    Reading read(VehicleInput sample);

    static ReadingSource signal(String path) {
        return sample -> {
            Double v = sample.signal(path);
            return v == null ? null : new Reading(path, v);
        };
    }

    /** The lowest of several signals, e.g. the flattest of four tyres. */
    static ReadingSource lowestOf(String... paths) {
        return sample -> {
            Reading lowest = null;
            for (String path : paths) {
                Double v = sample.signal(path);
                if (v != null && (lowest == null || v < lowest.value())) {
                    lowest = new Reading(path, v);
                }
            }
            return lowest;
        };
    }
}
