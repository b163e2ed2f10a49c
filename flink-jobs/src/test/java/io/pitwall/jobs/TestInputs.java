package io.pitwall.jobs;

import io.pitwall.jobs.input.VehicleInput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds samples and events for operator tests. */
public final class TestInputs {

    public static final String VIN = "LSVAU2180N2183294";
    public static final long T0 = 1_763_942_400_000L;

    private TestInputs() {
    }

    /** A sample at {@code T0 + seconds}, with alternating signal names and values. */
    public static VehicleInput sample(long seq, double seconds, Object... signals) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < signals.length; i += 2) {
            map.put((String) signals[i], ((Number) signals[i + 1]).doubleValue());
        }
        return VehicleInput.sample(VIN, seq, T0 + (long) (seconds * 1000), T0 + (long) (seconds * 1000) + 50, "gw", map);
    }

    public static VehicleInput event(long seq, double seconds, String type, String code, List<String> items) {
        return VehicleInput.event(VIN, seq, T0 + (long) (seconds * 1000), T0 + (long) (seconds * 1000) + 50, type, code,
                items);
    }
}
