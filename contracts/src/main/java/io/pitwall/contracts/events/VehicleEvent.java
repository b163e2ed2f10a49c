package io.pitwall.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.pitwall.contracts.internal.Uint64Deserializer;
import io.pitwall.contracts.internal.Uint64Serializer;
import java.util.Objects;

/**
 * Something that happened in a vehicle, as sent on {@code v1/vehicles/{vin}/events}; written as
 * JSON it is the wire form again.
 *
 * @param seq    from the same uint64 counter as the samples (unsigned, see {@link io.pitwall.contracts.Uint64})
 * @param ts     event time from the vehicle's clock, epoch milliseconds UTC
 * @param code   the DTC for DTC_SET and DTC_CLEARED ({@link DtcCode}), otherwise null
 * @param detail free-form facts about the event, null if none; for SERVICE_DONE an object with
 *               {@code items} (strings, see {@link ServiceItem}) and optionally {@code odometerKm}
 */
public record VehicleEvent(
        String vin,
        @JsonSerialize(using = Uint64Serializer.class) @JsonDeserialize(using = Uint64Deserializer.class) long seq,
        long ts,
        EventType type,
        String code,
        JsonNode detail) {

    public VehicleEvent {
        Objects.requireNonNull(vin, "vin");
        Objects.requireNonNull(type, "type");
    }
}
