package io.pitwall.jobs.health.anomaly;

import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.jobs.input.Signals;

import java.util.List;

/**
 * The default threshold rules. Levels come from common workshop practice for passenger cars and
 * are documented with their reasoning in docs/health.md; each is a parameter, not a constant of
 * the method.
 */
public final class ThresholdRules {

    private ThresholdRules() {
    }

    public static List<ThresholdRule> defaults() {
        return List.of(
                // A warm engine holds 85-105 C; sustained >112 C under load means the cooling
                // system is failing; >120 C risks the head gasket.
                new ThresholdRule("coolant-overheat", AlertKind.COOLANT_OVERHEAT,
                        ReadingSource.signal(Signals.COOLANT_TEMP),
                        OperatingCondition.atLeast(Signals.ENGINE_RPM, 600),
                        false, 112, 120, 105, 30_000, 60_000,
                        "Stop when safe and let the engine cool; book a cooling-system check."),
                // Oil pressure below ~100 kPa above 1,500 rpm means the engine is starved of oil.
                new ThresholdRule("low-oil-pressure", AlertKind.LOW_OIL_PRESSURE,
                        ReadingSource.signal(Signals.OIL_PRESSURE),
                        OperatingCondition.atLeast(Signals.ENGINE_RPM, 1500),
                        true, 100, 60, 140, 5_000, 30_000,
                        "Stop the engine as soon as it is safe and check the oil level; book an inspection."),
                // With the engine running the alternator holds 13.5-14.7 V; below 12.8 V for a
                // minute the battery is discharging while driving: the alternator or belt is failing.
                new ThresholdRule("low-12v-while-driving", AlertKind.LOW_12V_BATTERY,
                        ReadingSource.signal(Signals.LV_BATTERY_VOLTAGE),
                        OperatingCondition.atLeast(Signals.ENGINE_RPM, 600),
                        true, 12.8, 12.0, 13.2, 60_000, 60_000,
                        "The battery is not being charged while driving; have the alternator and belt checked."),
                // Passenger tyres run 210-250 kPa; below 180 kPa handling and wear suffer, below
                // 140 kPa the tyre can fail.
                new ThresholdRule("tire-pressure-low", AlertKind.TIRE_PRESSURE_LOW,
                        ReadingSource.lowestOf(Signals.TIRES),
                        OperatingCondition.ALWAYS,
                        true, 180, 140, 195, 60_000, 60_000,
                        "Check and inflate the tyres; a tyre that keeps losing pressure needs repair."),
                // One tyre well below the car's other three is losing air (a leak or a puncture),
                // whatever the weather: tyre-pressure monitors warn at 20-25 % below placard.
                new ThresholdRule("tire-pressure-deficit", AlertKind.TIRE_PRESSURE_LOW,
                        ReadingSource.deficitBelowOthers(Signals.TIRES),
                        OperatingCondition.ALWAYS,
                        false, 15, 30, 8, 300_000, 300_000,
                        "One tyre is losing air; check it for a leak or a puncture and have it repaired."));
    }
}
