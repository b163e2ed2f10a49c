package io.pitwall.contracts.owners;

/** The owner's value tier from the CRM; it decides the treatment and the monthly touch cap. */
public enum Tier {
    /** Lifetime value above 30,000 CNY and at least 4 visits in the last 12 months. */
    HIGH,
    /** Lifetime value 10,000-30,000 CNY, or 2-3 visits a year. */
    MID,
    /** Lifetime value below 10,000 CNY, or first or rare visits. */
    POTENTIAL
}
