package io.pitwall.offers.catalogue;

import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.offers.ServiceOffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A recommendation the catalogue found for a vehicle, before the policy has said whether, when and
 * how the owner may be told.
 *
 * @param entryId     the catalogue entry that matched, for the audit
 * @param severity    the alert's severity; null for health and follow-up triggers
 * @param triggerType one of {@code ServiceOffer.TRIGGER_*}
 * @param triggerId   the alert id, {@code vin/HEALTH/asOf}, or {@code vin/SERVICE_DONE/ts}
 * @param triggerTime epoch milliseconds
 * @param facts       numbers the offer may quote: {@link #KM_LEFT}, {@link #DAYS_LEFT}, {@link #NO_START_RISK}, {@link #SOH_PERCENT}
 */
public record Candidate(
        String recommendation,
        String entryId,
        int priority,
        Duration coolDown,
        Severity severity,
        String vin,
        String triggerType,
        String triggerId,
        long triggerTime,
        Map<String, Double> facts) {

    public static final String KM_LEFT = "kmLeft";
    public static final String DAYS_LEFT = "daysLeft";
    public static final String NO_START_RISK = "noStartRisk";
    public static final String SOH_PERCENT = "sohPercent";

    public Candidate {
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(coolDown, "coolDown");
        Objects.requireNonNull(triggerType, "triggerType");
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /** A CRITICAL alert is a safety notice: service, not marketing (DOMAIN.md). */
    public boolean safetyCritical() {
        return severity == Severity.CRITICAL && ServiceOffer.TRIGGER_ALERT.equals(triggerType);
    }

    public Candidate withRecommendation(String other) {
        return new Candidate(other, entryId, priority, coolDown, severity, vin, triggerType, triggerId, triggerTime, facts);
    }
}
