package io.pitwall.contracts.offers;

import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;

/**
 * A proactive service offer decided for an owner, on {@code service.offers} keyed by owner id.
 * Every decision is recorded, including the ones not sent, so that an audit can reconstruct each
 * contact: why it was made, which template and variant, and what the rules said.
 *
 * @param recommendation  what is recommended, e.g. {@code BRAKE_PADS_FRONT}
 * @param decisionReason  why the policy decided as it did, e.g. {@code quiet-hours}; null for a plain SENT
 * @param channel         the channel chosen, null when none was (e.g. no consent anywhere)
 * @param experiment      the A/B experiment the owner is in, null if none
 * @param variant         the owner's variant in that experiment
 * @param bookingUrl      the one-step booking action
 * @param triggerType     {@value #TRIGGER_ALERT}, {@value #TRIGGER_HEALTH} or {@value #TRIGGER_SERVICE_FOLLOW_UP}
 * @param triggerId       the alert id, health record, or service event behind the offer
 * @param triggerTime     when the trigger happened, epoch milliseconds
 * @param decidedAt       when the policy decided, epoch milliseconds
 * @param sendAt          when a HELD offer goes out, epoch milliseconds; null otherwise
 */
public record ServiceOffer(
        int schemaVersion,
        String offerId,
        String ownerId,
        String vin,
        String recommendation,
        Decision decision,
        String decisionReason,
        Channel channel,
        Tier tier,
        Lifecycle lifecycle,
        String experiment,
        String variant,
        String templateId,
        String locale,
        String title,
        String body,
        String bookingUrl,
        String triggerType,
        String triggerId,
        long triggerTime,
        long decidedAt,
        Long sendAt) {

    public static final int SCHEMA_VERSION = 1;

    public static final String TRIGGER_ALERT = "ALERT";
    public static final String TRIGGER_HEALTH = "HEALTH";
    public static final String TRIGGER_SERVICE_FOLLOW_UP = "SERVICE_FOLLOW_UP";
}
