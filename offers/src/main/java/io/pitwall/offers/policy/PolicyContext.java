package io.pitwall.offers.policy;

import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.offers.owners.OwnerStanding;
import java.time.Instant;

/**
 * What the steps have established so far about one request: the owner's standing, the channel,
 * the recommendation and treatment. Each step returns a new context or a final decision.
 */
public record PolicyContext(OfferRequest request, OwnerStanding standing, Channel channel, String recommendation,
                            Treatment treatment, ReasonCode reason) {

    static PolicyContext start(OfferRequest request, OwnerStanding standing) {
        return new PolicyContext(request, standing, null, request.candidate().recommendation(), Treatment.STANDARD, ReasonCode.SENT);
    }

    public PolicyContext withChannel(Channel other) {
        return new PolicyContext(request, standing, other, recommendation, treatment, reason);
    }

    public PolicyContext withTreatment(String otherRecommendation, Treatment otherTreatment, ReasonCode why) {
        return new PolicyContext(request, standing, channel, otherRecommendation, otherTreatment, why);
    }

    public Instant now() {
        return request.now();
    }

    /** A final answer from here. */
    public PolicyDecision decide(ReasonCode why, Treatment withTreatment, Instant sendAt) {
        Decision decision = why.decision();
        return new PolicyDecision(decision, why, recommendation, channel, standing.tier(), standing.lifecycle(), withTreatment, sendAt);
    }

    public PolicyDecision decide(ReasonCode why) {
        return decide(why, treatment, null);
    }
}
