package io.pitwall.offers.policy;

import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy's answer for one candidate.
 *
 * @param recommendation what to render: the candidate's, or {@link PolicyChain#WIN_BACK_SURVEY}
 * @param channel        where to send it; null when suppressed before a channel was chosen
 * @param tier           null only without an owner profile
 * @param lifecycle      null only without an owner profile
 * @param sendAt         for HELD: when quiet hours end; null otherwise
 */
public record PolicyDecision(Decision decision, ReasonCode reason, String recommendation, Channel channel, Tier tier,
                             Lifecycle lifecycle, Treatment treatment, Instant sendAt) {

    public PolicyDecision {
        Objects.requireNonNull(reason, "reason");
        if (decision != reason.decision()) {
            throw new IllegalArgumentException(reason + " belongs to " + reason.decision() + ", not " + decision);
        }
        if ((decision == Decision.HELD) != (sendAt != null)) {
            throw new IllegalArgumentException("sendAt is required for HELD and only for HELD");
        }
    }

    /** The same decision turned into BLOCKED, e.g. when the rendered text fails the wording check. */
    public PolicyDecision blocked(ReasonCode why) {
        return new PolicyDecision(Decision.BLOCKED, why, recommendation, channel, tier, lifecycle, treatment, null);
    }

    /** The contact to add to the history once a SENT offer has actually gone out. */
    public Optional<Contact> contactAt(Instant at) {
        if (decision != Decision.SENT) {
            return Optional.empty();
        }
        return Optional.of(new Contact(recommendation, channel, at, treatment != Treatment.SAFETY));
    }
}
