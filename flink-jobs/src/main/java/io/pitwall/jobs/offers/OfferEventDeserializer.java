package io.pitwall.jobs.offers;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.OfferEvent;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads {@code offer.events} (delivery outcomes and channel callbacks) for storage in ClickHouse. */
final class OfferEventDeserializer extends SkippingDeserializer<OfferEvent> {

    private static final long serialVersionUID = 1L;

    OfferEventDeserializer() {
        super(OfferEvent.class);
    }

    @Override
    void read(ConsumerRecord<byte[], byte[]> record, Collector<OfferEvent> out) {
        OfferEvent event = Json.read(record.value(), OfferEvent.class);
        if (event.offerId() == null || event.eventId() == null || event.type() == null) {
            throw new IllegalArgumentException("the offer event lacks offerId, eventId or type");
        }
        out.collect(event);
    }
}
