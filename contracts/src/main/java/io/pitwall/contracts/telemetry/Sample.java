package io.pitwall.contracts.telemetry;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.pitwall.contracts.Uint64;
import io.pitwall.contracts.internal.Uint64Deserializer;
import io.pitwall.contracts.internal.Uint64Serializer;
import java.util.Map;
import java.util.Objects;

/**
 * One reading of a vehicle's signals at one moment.
 *
 * @param seq     the vehicle's sample counter, a uint64 with unsigned meaning (see {@link Uint64}):
 *                {@code (vin, seq)} identifies the sample, so a resend is a duplicate
 * @param ts      sample time from the vehicle's clock, epoch milliseconds UTC
 * @param signals VSS path to value, in the order the vehicle sent them (decoders build a
 *                {@link java.util.LinkedHashMap}); paths the analytics do not know are kept
 */
public record Sample(
        @JsonSerialize(using = Uint64Serializer.class) @JsonDeserialize(using = Uint64Deserializer.class) long seq,
        long ts,
        Map<String, Double> signals) {

    public Sample {
        Objects.requireNonNull(signals, "signals");
    }
}
