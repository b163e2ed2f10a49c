package io.pitwall.offers.catalogue;

import java.time.Duration;

/** One line of the catalogue: when {@code trigger} fires, recommend {@code recommendation}. */
public record CatalogueEntry(String id, Trigger trigger, String recommendation, int priority, Duration coolDown) {
}
