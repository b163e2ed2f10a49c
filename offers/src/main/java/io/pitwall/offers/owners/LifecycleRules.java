package io.pitwall.offers.owners;

import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.OwnerProfile;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * An owner's lifecycle stage (DOMAIN.md) as of a given instant, from the later of the last visit
 * and the last interaction: ACTIVE if it lies less than {@code dormantAfter} back, LOST if more than
 * {@code lostAfter}, DORMANT in between (both boundaries inclusive in DORMANT: exactly 6 months is
 * dormant, exactly 12 months is still dormant). Months are calendar months in UTC.
 *
 * <p>An owner with no visit and no interaction on record is ACTIVE: that is a new owner whose first
 * service is still ahead, and asking them "why did you leave" would be wrong.
 */
public record LifecycleRules(Period dormantAfter, Period lostAfter) {

    public LifecycleRules {
        if (dormantAfter.isNegative() || lostAfter.isNegative() || dormantAfter.isZero()) {
            throw new IllegalArgumentException("lifecycle periods must be positive; got " + this);
        }
    }

    public static LifecycleRules defaults() {
        return new LifecycleRules(Period.ofMonths(6), Period.ofMonths(12));
    }

    public Lifecycle lifecycleOf(OwnerProfile owner, Instant asOf) {
        Long last = lastActivity(owner);
        if (last == null) {
            return Lifecycle.ACTIVE;
        }
        Instant lastAt = Instant.ofEpochMilli(last);
        Instant dormantFrom = asOf.atOffset(ZoneOffset.UTC).minus(dormantAfter).toInstant();
        Instant lostBefore = asOf.atOffset(ZoneOffset.UTC).minus(lostAfter).toInstant();
        if (lastAt.isAfter(dormantFrom)) {
            return Lifecycle.ACTIVE;
        }
        return lastAt.isBefore(lostBefore) ? Lifecycle.LOST : Lifecycle.DORMANT;
    }

    /** The later of the last visit and the last interaction, epoch milliseconds; null if neither is known. */
    public static Long lastActivity(OwnerProfile owner) {
        Long visit = owner.lastVisitAt();
        Long interaction = owner.lastInteractionAt();
        if (visit == null) {
            return interaction;
        }
        return interaction == null ? visit : Math.max(visit, interaction);
    }
}
