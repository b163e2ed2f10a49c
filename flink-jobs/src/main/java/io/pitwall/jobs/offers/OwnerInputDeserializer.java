package io.pitwall.jobs.offers;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.owners.OwnerProfile;
import java.nio.charset.StandardCharsets;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads what is said about owners directly: {@code owner.profiles} (a profile, or a tombstone for
 * an erasure) and the OPTED_OUT replies on {@code offer.events}.
 */
final class OwnerInputDeserializer extends SkippingDeserializer<OwnerInput> {

    private static final long serialVersionUID = 1L;
    private static final byte[] OPTED_OUT = OfferEventType.OPTED_OUT.name().getBytes(StandardCharsets.US_ASCII);

    enum Source { PROFILES, OPT_OUTS }

    private final Source source;

    OwnerInputDeserializer(Source source) {
        super(OwnerInput.class);
        this.source = source;
    }

    @Override
    void read(ConsumerRecord<byte[], byte[]> record, Collector<OwnerInput> out) {
        if (source == Source.PROFILES) {
            if (record.value() == null) {
                if (record.key() == null) {
                    throw new IllegalArgumentException("a tombstone without a key names no owner");
                }
                out.collect(OwnerInput.erased(new String(record.key(), StandardCharsets.UTF_8), record.timestamp()));
                return;
            }
            OwnerProfile profile = Json.read(record.value(), OwnerProfile.class);
            if (profile.ownerId() == null || profile.ownerId().isBlank()) {
                throw new IllegalArgumentException("the profile has no ownerId");
            }
            out.collect(OwnerInput.profile(profile, record.value()));
        } else if (FactDeserializer.contains(record.value(), OPTED_OUT)) {
            OfferEvent event = Json.read(record.value(), OfferEvent.class);
            if (event.type() == OfferEventType.OPTED_OUT && event.ownerId() != null) {
                out.collect(OwnerInput.optOut(event, record.value()));
            }
        }
    }
}
