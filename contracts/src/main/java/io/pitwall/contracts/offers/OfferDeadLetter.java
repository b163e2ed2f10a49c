package io.pitwall.contracts.offers;

import io.pitwall.contracts.owners.Channel;

/**
 * An offer a channel never took, on {@code offer.dead-letters} keyed by owner id: every attempt
 * failed, or the receiver refused it for good. Carries the exact request body, so an operator can
 * inspect it and re-send it once the channel is fixed (the idempotency key inside stops a double
 * delivery).
 *
 * @param attempts   how many times it was tried
 * @param httpStatus the last HTTP status, null if no response ever came
 * @param detail     the last failure, e.g. {@code http-503}, {@code timeout}, {@code no-endpoint-configured}
 * @param failedAt   when it was given up, epoch milliseconds
 * @param payload    the request body as it was (or would have been) sent, UTF-8 text
 */
public record OfferDeadLetter(int schemaVersion, String offerId, String ownerId, Channel channel, int attempts,
                              Integer httpStatus, String detail, long failedAt, String payload) {

    public static final int SCHEMA_VERSION = 1;
}
