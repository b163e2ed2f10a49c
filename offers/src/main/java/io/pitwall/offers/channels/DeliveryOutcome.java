package io.pitwall.offers.channels;

import io.pitwall.contracts.NameUuid;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.owners.Channel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What became of one delivery. DELIVERED maps to the offer event DELIVERED; REJECTED (the receiver
 * refused it for good, e.g. HTTP 4xx) and DEAD_LETTERED (every attempt failed) map to
 * DELIVERY_FAILED, and the caller writes the payload of a dead-lettered delivery to its dead-letter
 * topic.
 *
 * @param httpStatus the last HTTP status, null if no response came
 * @param detail     a short reason for logs and the event's attributes, e.g. {@code http-503} or {@code errcode-93000}
 * @param payload    the exact bytes sent (or that would have been), for the dead letter
 */
public record DeliveryOutcome(Status status, Channel channel, int attempts, Integer httpStatus, String detail, byte[] payload) {

    public enum Status { DELIVERED, REJECTED, DEAD_LETTERED }

    private static final UUID NAMESPACE = NameUuid.v5(NameUuid.URL_NAMESPACE, "https://pitwall.io/ids/offer-event");

    public boolean delivered() {
        return status == Status.DELIVERED;
    }

    public OfferEventType eventType() {
        return delivered() ? OfferEventType.DELIVERED : OfferEventType.DELIVERY_FAILED;
    }

    /**
     * The {@code offer.events} record; its id is a name-based UUID of the offer and the outcome, so
     * a replayed delivery yields the same event id.
     */
    public OfferEvent toOfferEvent(String offerId, String ownerId, Instant at) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("attempts", Integer.toString(attempts));
        if (httpStatus != null) {
            attributes.put("httpStatus", httpStatus.toString());
        }
        if (detail != null) {
            attributes.put("detail", detail);
        }
        if (status != Status.DELIVERED) {
            attributes.put("failure", status == Status.REJECTED ? "rejected" : "dead-lettered");
        }
        String eventId = NameUuid.v5(NAMESPACE, offerId + "/" + eventType()).toString();
        return new OfferEvent(OfferEvent.SCHEMA_VERSION, eventId, offerId, ownerId, eventType(), at.toEpochMilli(), channel,
                Map.copyOf(attributes));
    }
}
