package io.pitwall.offers.channels;

import java.time.Duration;

/**
 * How often and how patiently a channel retries: at most {@code maxAttempts} attempts in all, the
 * n-th retry waiting {@code initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff}.
 * No jitter: deliveries are per offer, not synchronised herds, and a fixed schedule is testable.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff)
        implements java.io.Serializable {

    public RetryPolicy {
        if (maxAttempts < 1 || initialBackoff.isNegative() || multiplier < 1 || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("a retry policy needs maxAttempts >= 1, initialBackoff >= 0, multiplier >= 1 and"
                    + " maxBackoff >= initialBackoff; got " + this);
        }
    }

    /** 5 attempts, waiting 0.5 s, 1 s, 2 s, 4 s between them. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));
    }

    /** The wait before attempt {@code attempt} (2 for the first retry). */
    public Duration backoffBefore(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 2);
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
