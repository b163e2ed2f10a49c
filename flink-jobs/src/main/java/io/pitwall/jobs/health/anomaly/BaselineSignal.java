package io.pitwall.jobs.health.anomaly;

import io.pitwall.jobs.input.Signals;

import java.io.Serializable;
import java.util.List;

/**
 * A signal whose normal level differs from car to car but is steady for one car in one operating
 * regime, so each car can be compared with itself. Outside the regime the signal is not
 * comparable (a cold engine's coolant) and is ignored.
 *
 * @param minStd     the smallest standard deviation assumed, so a very steady signal does not turn
 *                   every small wobble into a large z-score
 * @param warmup     samples in the regime before the baseline is trusted
 * @param alpha      EWMA weight of a new sample (1/alpha is roughly the memory in samples)
 */
public record BaselineSignal(String name, String path, OperatingCondition regime, double minStd, int warmup,
                             double alpha) implements Serializable {

    public static List<BaselineSignal> defaults() {
        return List.of(
                // A warm engine's coolant sits where its thermostat holds it, give or take a few degrees.
                new BaselineSignal("coolant-warm", Signals.COOLANT_TEMP,
                        sample -> atLeast(sample.signal(Signals.ENGINE_RPM), 600)
                                && atLeast(sample.signal(Signals.COOLANT_TEMP), 75),
                        2.0, 600, 0.002),
                // A running engine's charging voltage is set by the car's regulator, within tenths of a volt.
                new BaselineSignal("charging-voltage", Signals.LV_BATTERY_VOLTAGE,
                        sample -> atLeast(sample.signal(Signals.ENGINE_RPM), 1000),
                        0.15, 600, 0.002));
    }

    private static boolean atLeast(Double value, double min) {
        return value != null && value >= min;
    }
}
