package io.pitwall.offers.policy;

import io.pitwall.contracts.offers.Decision;

/**
 * Why a decision came out as it did; {@link #code()} is what {@code ServiceOffer.decisionReason},
 * metrics and logs carry. Each code belongs to exactly one {@link Decision}.
 */
public enum ReasonCode {
    /** Every rule passed; an ACTIVE owner gets the standard offer. Recorded as a null decisionReason. */
    SENT("sent", Decision.SENT),
    /** A CRITICAL alert: a safety notice on the head unit, past consent, caps, cool-down and quiet hours. */
    SAFETY_CRITICAL("safety-critical", Decision.SENT),
    /** Sent with reactivation wording to a DORMANT owner. */
    DORMANT_REACTIVATION("dormant-reactivation", Decision.SENT),
    /** A LOST owner's first contact: the "why did you leave" survey instead of the offer. */
    LOST_OWNER_SURVEY("lost-owner-survey", Decision.SENT),
    /** A LOST owner who has had the survey: the offer, with reactivation wording. */
    LOST_OWNER_REACTIVATION("lost-owner-reactivation", Decision.SENT),
    /** Inside quiet hours in the owner's time zone; {@code sendAt} is the next end of quiet hours. */
    QUIET_HOURS("quiet-hours", Decision.HELD),
    /** No channel on which the owner gave marketing consent. */
    NO_MARKETING_CONSENT("no-marketing-consent", Decision.SUPPRESSED),
    /** The tier's marketing touches in the rolling window are used up. */
    FREQUENCY_CAP("frequency-cap", Decision.SUPPRESSED),
    /** The same recommendation reached this owner within its cool-down. */
    COOL_DOWN("cool-down", Decision.SUPPRESSED),
    /** No profile for the owner (never imported, or erased). */
    NO_OWNER_PROFILE("no-owner-profile", Decision.SUPPRESSED),
    /** The rendered text contains a forbidden absolute claim; set by the caller after {@code OfferRenderer}. */
    FORBIDDEN_WORDING("forbidden-wording", Decision.BLOCKED);

    private final String code;
    private final Decision decision;

    ReasonCode(String code, Decision decision) {
        this.code = code;
        this.decision = decision;
    }

    public String code() {
        return code;
    }

    public Decision decision() {
        return decision;
    }

    /** The value for {@code ServiceOffer.decisionReason}: null for a plain SENT (the contract's convention). */
    public String recorded() {
        return this == SENT ? null : code;
    }
}
