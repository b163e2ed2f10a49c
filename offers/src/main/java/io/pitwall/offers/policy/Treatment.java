package io.pitwall.offers.policy;

/** How an offer speaks to the owner, chosen from the owner's lifecycle (DOMAIN.md); selects the wording. */
public enum Treatment {
    STANDARD,
    /** A DORMANT owner, or a LOST owner after the survey: opens with reactivation wording. */
    REACTIVATION,
    /** A LOST owner's first contact asks why they left; the recommendation becomes {@link PolicyChain#WIN_BACK_SURVEY}. */
    WIN_BACK_SURVEY,
    /** A safety notice for a CRITICAL alert. */
    SAFETY
}
