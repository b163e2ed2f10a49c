package io.pitwall.contracts.owners;

/** How recently the owner was in touch: it decides whether an offer re-activates or first asks why they left. */
public enum Lifecycle {
    /** A visit or interaction in the last 6 months. */
    ACTIVE,
    /** Last visit or interaction 6 to 12 months ago. */
    DORMANT,
    /** Nothing for over 12 months. */
    LOST
}
