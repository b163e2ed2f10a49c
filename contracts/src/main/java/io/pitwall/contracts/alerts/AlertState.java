package io.pitwall.contracts.alerts;

/** Where an alert's episode stands; every change is a new record with the same {@code alertId}. */
public enum AlertState {
    OPEN,
    /** Still active, and worse than when it opened (e.g. its severity rose). */
    ESCALATED,
    RESOLVED
}
