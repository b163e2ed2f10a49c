package io.pitwall.jobs.offers;

import io.pitwall.contracts.alerts.Severity;
import io.pitwall.offers.catalogue.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A candidate waiting for its moment: an offer held by quiet hours, or a follow-up due some days
 * after a service. Kept in the owner's state with the candidate's own fields (not the decision):
 * the policy runs again at {@code dueAt} with the owner's profile and history of that moment.
 *
 * @param dueAt epoch milliseconds
 * @param held  true for a quiet-hours hold, false for a scheduled follow-up
 */
public record PendingOffer(String recommendation, String entryId, int priority, long coolDownMillis, Severity severity,
                           String vin, String triggerType, String triggerId, long triggerTime, Map<String, Double> facts,
                           long dueAt, boolean held) {

    public static PendingOffer of(Candidate c, Instant dueAt, boolean held) {
        return new PendingOffer(c.recommendation(), c.entryId(), c.priority(), c.coolDown().toMillis(), c.severity(), c.vin(),
                c.triggerType(), c.triggerId(), c.triggerTime(), c.facts(), dueAt.toEpochMilli(), held);
    }

    public Candidate candidate() {
        return new Candidate(recommendation, entryId, priority, Duration.ofMillis(coolDownMillis), severity, vin, triggerType,
                triggerId, triggerTime, facts);
    }
}
