package io.pitwall.contracts.offers;

/** A step of the offer funnel, or the owner leaving it. */
public enum OfferEventType {
    DELIVERED,
    DELIVERY_FAILED,
    OPENED,
    CLICKED,
    BOOKED,
    SERVICED,
    DISMISSED,
    /** The owner withdrew marketing consent through this offer; it takes effect at once. */
    OPTED_OUT
}
