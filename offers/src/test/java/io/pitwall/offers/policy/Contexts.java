package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.catalogue.Candidate;
import io.pitwall.offers.owners.OwnerStanding;
import java.time.Instant;

/** Contexts for testing one step alone. */
final class Contexts {

    private Contexts() {
    }

    static PolicyContext of(Candidate candidate, OwnerProfile owner, ContactHistory history, Instant now, Tier tier, Lifecycle lifecycle) {
        return PolicyContext.start(new OfferRequest(candidate, owner, history, now), new OwnerStanding(tier, lifecycle));
    }

    static PolicyDecision decided(PolicyStep.StepResult result) {
        return ((PolicyStep.Decided) result).decision();
    }

    static PolicyContext proceeded(PolicyStep.StepResult result) {
        return ((PolicyStep.Proceed) result).context();
    }
}
