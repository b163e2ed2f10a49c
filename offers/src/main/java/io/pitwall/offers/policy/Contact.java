package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.Channel;
import java.time.Instant;
import java.util.Objects;

/**
 * One offer that actually went out to an owner.
 *
 * @param marketing false for safety notices, which do not count against the cap
 */
public record Contact(String recommendation, Channel channel, Instant at, boolean marketing) {

    public Contact {
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(at, "at");
    }
}
