package io.pitwall.jobs.offers;

import io.pitwall.contracts.offers.OfferEvent;
import org.apache.flink.api.connector.source.Source;

/**
 * The offer job's inputs: Kafka in production ({@link OfferJob#kafkaSources}).
 *
 * @param alerts      {@code vehicle.alerts}
 * @param health      {@code vehicle.health}
 * @param serviceDone the SERVICE_DONE events of {@code telemetry.raw}
 * @param profiles    {@code owner.profiles}: profiles and erasures
 * @param optOuts     the OPTED_OUT replies on {@code offer.events}
 * @param offerEvents all of {@code offer.events}, for storage
 */
public record OfferSources(Source<VehicleFact, ?, ?> alerts, Source<VehicleFact, ?, ?> health,
                           Source<VehicleFact, ?, ?> serviceDone, Source<OwnerInput, ?, ?> profiles,
                           Source<OwnerInput, ?, ?> optOuts, Source<OfferEvent, ?, ?> offerEvents) {
}
