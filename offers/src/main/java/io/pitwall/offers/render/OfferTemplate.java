package io.pitwall.offers.render;

import io.pitwall.contracts.owners.Tier;

/**
 * The wording of one recommendation for one locale, optionally only for one tier and one
 * experiment variant.
 *
 * @param tier    null: for every tier without a template of its own
 * @param variant null outside experiments
 */
public record OfferTemplate(String recommendation, Tier tier, String locale, String variant, String title, String body) {

    /** Stable id for the audit, e.g. {@code BRAKE_SERVICE/HIGH/zh-CN/B} or {@code TIRE_CHECK/*}{@code /en/-}. */
    public String id() {
        return recommendation + "/" + (tier == null ? "*" : tier.name()) + "/" + locale + "/" + (variant == null ? "-" : variant);
    }
}
