package io.pitwall.jobs.offers;

/** What one delivery produced: its {@code offer.events} record and, if it failed for good, its dead letter. */
public class DeliveryResult {

    public String ownerId;
    public byte[] eventJson;
    /** null when delivered */
    public byte[] deadLetterJson;

    public DeliveryResult() {
    }

    public DeliveryResult(String ownerId, byte[] eventJson, byte[] deadLetterJson) {
        this.ownerId = ownerId;
        this.eventJson = eventJson;
        this.deadLetterJson = deadLetterJson;
    }

    public KeyedBytes event() {
        return new KeyedBytes(ownerId, eventJson);
    }

    public KeyedBytes deadLetter() {
        return new KeyedBytes(ownerId, deadLetterJson);
    }
}
