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

    /**
     * How far, in percent, the flattest of several signals lies below the median of the others:
     * all four tyres sit in the same weather, so comparing them with each other cancels the
     * temperature swing that moves every tyre's absolute pressure. Needs at least three signals.
     */
    static ReadingSource deficitBelowOthers(String... paths) {
        return sample -> {
            String lowestPath = null;
            double lowest = Double.POSITIVE_INFINITY;
            java.util.List<Double> values = new java.util.ArrayList<>();
            for (String path : paths) {
                Double v = sample.signal(path);
                if (v != null) {
                    values.add(v);
                    if (v < lowest) {
                        lowest = v;
                        lowestPath = path;
                    }
                }
            }
            if (values.size() < 3) {
                return null;
            }
            values.remove(Double.valueOf(lowest));
            java.util.Collections.sort(values);
            int n = values.size();
            double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
            return median <= 0 ? null : new Reading(lowestPath, 100 * (1 - lowest / median));
        };
    }
}
