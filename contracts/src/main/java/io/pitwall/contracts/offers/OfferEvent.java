package io.pitwall.contracts.offers;

import io.pitwall.contracts.owners.Channel;
import java.util.Map;

/**
 * What happened to an offer after it was sent, on {@code offer.events} keyed by owner id; channel
 * replies arrive as these.
 *
 * @param eventId    unique per event; a channel resending the same reply reuses it, so consumers can dedupe
 * @param at         when it happened, epoch milliseconds
 * @param attributes channel-specific facts (e.g. a failure code, a booking id), string to string
 */
public record OfferEvent(
        int schemaVersion,
        String eventId,
        String offerId,
        String ownerId,
        OfferEventType type,
        long at,
        Channel channel,
        Map<String, String> attributes) {

    public static final int SCHEMA_VERSION = 1;
}
