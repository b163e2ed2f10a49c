package io.pitwall.contracts.alerts;

/** What an alert is about. */
public enum AlertKind {
    /** Engine coolant temperature above its limit. */
    COOLANT_OVERHEAT,
    /** Engine oil pressure below its limit while the engine runs. */
    LOW_OIL_PRESSURE,
    /** 12 V battery voltage low enough to risk a no-start. */
    LOW_12V_BATTERY,
    /** Brake pads at or near the replacement threshold. */
    BRAKE_PADS_WORN,
    /** Traction battery state of health falling faster than expected, or below a threshold. */
    HV_BATTERY_DEGRADED,
    /** A diagnostic trouble code the vehicle had not reported before. */
    DTC_NEW,
    /** A tyre below its pressure limit. */
    TIRE_PRESSURE_LOW,
    /** A signal far outside its own baseline, with no more specific kind. */
    SIGNAL_ANOMALY
}
