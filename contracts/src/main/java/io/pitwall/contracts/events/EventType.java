package io.pitwall.contracts.events;

/** What happened in the vehicle. */
public enum EventType {
    /** A diagnostic trouble code became active; {@code code} names it. */
    DTC_SET,
    /** A diagnostic trouble code is no longer active; {@code code} names it. */
    DTC_CLEARED,
    IGNITION_ON,
    IGNITION_OFF,
    /** A workshop finished a service; {@code detail} says what was serviced. */
    SERVICE_DONE;

    public boolean carriesDtc() {
        return this == DTC_SET || this == DTC_CLEARED;
    }
}
