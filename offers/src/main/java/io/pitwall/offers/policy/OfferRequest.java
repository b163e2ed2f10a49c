package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.offers.catalogue.Candidate;
import java.time.Instant;
import java.util.Objects;

/**
 * What the policy decides on: a candidate for an owner, with the owner's latest profile (null if
 * none is known) and contact history, at {@code now}. Run the chain again when a held offer's timer
 * fires, with the profile and history of that moment: consent withdrawn in between then wins.
 */
public record OfferRequest(Candidate candidate, OwnerProfile owner, ContactHistory history, Instant now) {

    public OfferRequest {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(now, "now");
    }
}
