package io.pitwall.contracts.telemetry;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Objects;

/**
 * One telemetry PUBLISH from a vehicle. Both wire forms decode into it: a single sample at the
 * top level ({@code batch == false}, exactly one sample) or a {@code samples} array. Serialising
 * it with {@link io.pitwall.contracts.Json} writes that wire form back; reading one is the job of
 * {@link TelemetryDecoder}, which checks what Jackson's record binding would not.
 */
@JsonSerialize(using = TelemetryWireSerializer.class)
public record TelemetryMessage(String vin, List<Sample> samples, boolean batch) {

    public TelemetryMessage {
        Objects.requireNonNull(vin, "vin");
        Objects.requireNonNull(samples, "samples");
        if (!batch && samples.size() != 1) {
            throw new IllegalArgumentException("a single-sample message holds exactly one sample, not " + samples.size());
        }
    }

    public static TelemetryMessage single(String vin, Sample sample) {
        return new TelemetryMessage(vin, List.of(sample), false);
    }

    public static TelemetryMessage batch(String vin, List<Sample> samples) {
        return new TelemetryMessage(vin, samples, true);
    }
}
