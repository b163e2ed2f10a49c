package io.pitwall.offers.owners;

import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.contracts.owners.Tier;
import java.time.Duration;
import java.time.Instant;

/**
 * An owner's value tier (DOMAIN.md) as of a given instant. The rules are evaluated top down and
 * the first that holds wins: HIGH needs a lifetime value above {@code highMinValueCny} <em>and</em>
 * at least {@code highMinVisits} visits in the last 12 months; MID needs a lifetime value of at
 * least {@code midMinValueCny} <em>or</em> at least {@code midMinVisits} visits; everyone else is
 * POTENTIAL. DOMAIN.md writes MID's bands as ranges (10,000-30,000 CNY, 2-3 visits); they are read
 * as floors, because the ranges' upper ends only mark where HIGH begins - an owner with 35,000 CNY
 * and one visit, or 8,000 CNY and five visits, is MID, never POTENTIAL.
 *
 * <p>The visit count is a CRM snapshot; if the last visit lies more than 12 months before
 * {@code asOf}, no visit can still be in the window, so the count is taken as 0. This is how a tier
 * moves down between CRM updates.
 */
public record TierRules(double highMinValueCny, int highMinVisits, double midMinValueCny, int midMinVisits) {

    private static final Duration TWELVE_MONTHS = Duration.ofDays(365);

    public TierRules {
        if (!(highMinValueCny >= midMinValueCny) || midMinValueCny < 0 || midMinVisits < 0 || highMinVisits < midMinVisits) {
            throw new IllegalArgumentException("tier thresholds must satisfy 0 <= midMinValueCny <= highMinValueCny and"
                    + " 0 <= midMinVisits <= highMinVisits; got " + this);
        }
    }

    /** DOMAIN.md: HIGH above 30,000 CNY with 4+ visits; MID from 10,000 CNY or 2+ visits. */
    public static TierRules defaults() {
        return new TierRules(30_000, 4, 10_000, 2);
    }

    public Tier tierOf(OwnerProfile owner, Instant asOf) {
        double value = owner.lifetimeValueCny();
        int visits = visitsInWindow(owner, asOf);
        if (value > highMinValueCny && visits >= highMinVisits) {
            return Tier.HIGH;
        }
        if (value >= midMinValueCny || visits >= midMinVisits) {
            return Tier.MID;
        }
        return Tier.POTENTIAL;
    }

    static int visitsInWindow(OwnerProfile owner, Instant asOf) {
        Long lastVisit = owner.lastVisitAt();
        if (lastVisit != null && Instant.ofEpochMilli(lastVisit).isBefore(asOf.minus(TWELVE_MONTHS))) {
            return 0;
        }
        return Math.max(0, owner.visitsLast12Months());
    }
}
