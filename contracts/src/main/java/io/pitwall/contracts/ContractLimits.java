package io.pitwall.contracts;

import java.time.Duration;
import java.time.Instant;

/**
 * The size and range limits a decoder enforces before any message reaches Kafka. They bound what
 * one malicious or broken device can cost the gateway, and they are the numbers the JSON Schemas
 * state for the defaults.
 *
 * @param maxPayloadBytes     largest MQTT payload accepted, checked before parsing starts
 * @param maxSamplesPerBatch  most samples in one batch message
 * @param maxSignalsPerSample most entries in one sample's {@code signals}
 * @param maxSignalPathLength longest VSS path accepted as a signal name
 * @param maxStringLength     longest string value or object key anywhere in a payload
 * @param maxNestingDepth     deepest nesting of objects and arrays; the telemetry batch form needs 4
 * @param maxFutureSkewMillis how far ahead of the receiving clock a sample time may be
 * @param minTimestampMillis  earliest sample time accepted, in epoch milliseconds
 */
public record ContractLimits(
        int maxPayloadBytes,
        int maxSamplesPerBatch,
        int maxSignalsPerSample,
        int maxSignalPathLength,
        int maxStringLength,
        int maxNestingDepth,
        long maxFutureSkewMillis,
        long minTimestampMillis) {

    /*
     * 256 KiB holds a full batch: 1000 samples of a few dozen signals each. A dongle that buffered
     * longer splits its backlog over several messages.
     */
    private static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
    /* An hour of 1 Hz samples per message; more is a backlog that should be split. */
    private static final int DEFAULT_MAX_SAMPLES = 1000;
    /* VSS defines a few thousand leaves, but no real car reports more than a few hundred at once. */
    private static final int DEFAULT_MAX_SIGNALS = 512;
    /* The longest VSS paths in use are around 80 characters. */
    private static final int DEFAULT_MAX_PATH = 128;
    /* No contract field needs more; a longer string is a bug or an attack. */
    private static final int DEFAULT_MAX_STRING = 4096;
    /* The deepest contract shape is 4 (batch/samples/sample/signals); the rest is headroom for event detail. */
    private static final int DEFAULT_MAX_DEPTH = 16;
    /* Vehicle clocks drift and time zones get misconfigured; a day covers that, a year does not. */
    private static final long DEFAULT_FUTURE_SKEW = Duration.ofHours(24).toMillis();
    /* A vehicle whose clock has not synchronised reports 1970 or its firmware build date; neither is a sample time. */
    private static final long DEFAULT_MIN_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    public ContractLimits {
        requirePositive(maxPayloadBytes, "maxPayloadBytes");
        requirePositive(maxSamplesPerBatch, "maxSamplesPerBatch");
        requirePositive(maxSignalsPerSample, "maxSignalsPerSample");
        requirePositive(maxSignalPathLength, "maxSignalPathLength");
        requirePositive(maxStringLength, "maxStringLength");
        if (maxNestingDepth < 4) {
            throw new IllegalArgumentException("maxNestingDepth must be at least 4 (the telemetry batch form needs 4), was " + maxNestingDepth);
        }
        if (maxFutureSkewMillis < 0) {
            throw new IllegalArgumentException("maxFutureSkewMillis must not be negative, was " + maxFutureSkewMillis);
        }
    }

    public static ContractLimits defaults() {
        return new ContractLimits(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_SAMPLES, DEFAULT_MAX_SIGNALS, DEFAULT_MAX_PATH,
                DEFAULT_MAX_STRING, DEFAULT_MAX_DEPTH, DEFAULT_FUTURE_SKEW, DEFAULT_MIN_TIMESTAMP);
    }

    /** A copy with another payload cap; the other limits stay. */
    public ContractLimits withMaxPayloadBytes(int bytes) {
        return new ContractLimits(bytes, maxSamplesPerBatch, maxSignalsPerSample, maxSignalPathLength,
                maxStringLength, maxNestingDepth, maxFutureSkewMillis, minTimestampMillis);
    }

    /** The latest sample time accepted when the receiving clock reads {@code nowMillis}. */
    public long latestTimestampAt(long nowMillis) {
        return nowMillis > Long.MAX_VALUE - maxFutureSkewMillis ? Long.MAX_VALUE : nowMillis + maxFutureSkewMillis;
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
