package io.pitwall.offers.callbacks;

import io.pitwall.contracts.offers.OfferEvent;

/** Receives verified channel callbacks; throwing makes the server answer 503 so the channel retries. */
@FunctionalInterface
public interface CallbackListener {

    void accept(OfferEvent event) throws Exception;
}
