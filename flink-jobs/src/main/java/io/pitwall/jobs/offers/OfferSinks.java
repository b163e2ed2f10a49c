package io.pitwall.jobs.offers;

import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.OwnerProfile;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the offer job's outputs go: Kafka for the journey system, the gateway and operators,
 * ClickHouse for the analysts; collecting sinks in tests.
 *
 * @param offers       every decision ({@code service.offers})
 * @param offerStore   the same, for analysts (ClickHouse {@code offers})
 * @param events       delivery outcomes ({@code offer.events}, pre-serialised, keyed by owner)
 * @param notices      head-unit notices ({@code vehicle.notices}, keyed by VIN)
 * @param deadLetters  offers no channel took ({@code offer.dead-letters}, keyed by owner)
 * @param eventStore   everything on {@code offer.events}, callbacks included (ClickHouse {@code offer_events})
 * @param ownerStore   every profile on {@code owner.profiles} (ClickHouse {@code owners})
 */
public record OfferSinks(Sink<ServiceOffer> offers, Sink<ServiceOffer> offerStore, Sink<KeyedBytes> events,
                         Sink<KeyedBytes> notices, Sink<KeyedBytes> deadLetters, Sink<OfferEvent> eventStore,
                         Sink<OwnerProfile> ownerStore) {
}
