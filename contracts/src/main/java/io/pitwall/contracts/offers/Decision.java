package io.pitwall.contracts.offers;

/** What the offer policy decided for a candidate offer. */
public enum Decision {
    /** Handed to the channel now, or at {@code sendAt}. */
    SENT,
    /** Deferred, e.g. by quiet hours; {@code sendAt} says until when. */
    HELD,
    /** Not sent because a touch rule says no: no consent, frequency cap, cool-down. */
    SUPPRESSED,
    /** Not sent because the wording check found a forbidden term. */
    BLOCKED
}
