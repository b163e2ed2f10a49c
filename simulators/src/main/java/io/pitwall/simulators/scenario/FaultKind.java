package io.pitwall.simulators.scenario;

import io.pitwall.contracts.alerts.AlertKind;

/** The faults the simulator can inject, each with the alert a working pipeline should raise. */
public enum FaultKind {
    /** The radiator loses most of its capacity (leak, failed fan): coolant climbs past 110 deg C under load. Combustion cars. */
    COOLANT_OVERHEAT(AlertKind.COOLANT_OVERHEAT, true, false),
    /** The 12 V battery loses capacity within weeks; resting voltage and cranking dip fall until a no-start. */
    FAILING_12V_BATTERY(AlertKind.LOW_12V_BATTERY, true, true),
    /** Brake pads wear about eight times faster than normal (sticking caliper, soft pads). */
    FAST_PAD_WEAR(AlertKind.BRAKE_PADS_WORN, true, true),
    /** Traction battery capacity drops by a step and then fades many times faster. Electric cars. */
    DEGRADED_TRACTION_BATTERY(AlertKind.HV_BATTERY_DEGRADED, false, true),
    /** One tyre leaks a few kPa a day (a nail, a bad valve). */
    SLOW_TIRE_LEAK(AlertKind.TIRE_PRESSURE_LOW, true, true),
    /** A diagnostic trouble code becomes active (event DTC_SET). */
    DTC(AlertKind.DTC_NEW, true, true);

    private final AlertKind expectedAlert;
    private final boolean combustion;
    private final boolean electric;

    FaultKind(AlertKind expectedAlert, boolean combustion, boolean electric) {
        this.expectedAlert = expectedAlert;
        this.combustion = combustion;
        this.electric = electric;
    }

    public AlertKind expectedAlert() {
        return expectedAlert;
    }

    public boolean appliesTo(Powertrain powertrain) {
        return powertrain == Powertrain.ELECTRIC ? electric : combustion;
    }
}
