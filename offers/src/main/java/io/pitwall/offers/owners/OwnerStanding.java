package io.pitwall.offers.owners;

import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.contracts.owners.Tier;
import java.time.Instant;
import java.util.Objects;

/** Tier and lifecycle of one owner at one instant; recomputed for every decision, so both move as time and profiles change. */
public record OwnerStanding(Tier tier, Lifecycle lifecycle) {

    public OwnerStanding {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    public static OwnerStanding of(OwnerProfile owner, Instant asOf, TierRules tiers, LifecycleRules lifecycles) {
        return new OwnerStanding(tiers.tierOf(owner, asOf), lifecycles.lifecycleOf(owner, asOf));
    }
}
