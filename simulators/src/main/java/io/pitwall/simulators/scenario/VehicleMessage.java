package io.pitwall.simulators.scenario;

import java.nio.charset.StandardCharsets;

/**
 * One MQTT PUBLISH a simulated device sends, exactly as it goes on the wire.
 *
 * @param vehicleIndex the car's index in the fleet
 * @param kind         which of the contract's topics it goes to
 * @param topic        {@code v1/vehicles/{vin}/telemetry}, {@code .../events} or {@code .../status}
 * @param qos          0 or 1
 * @param retained     true for status messages
 * @param emittedAt    simulated time at which the device sends it (a batch or a late sample carries older {@code ts})
 * @param json         the UTF-8 JSON payload
 * @param sampleSeqs   the {@code seq} of every sample in a telemetry message (empty for others)
 * @param resend       true if this is a second copy of a message already sent (a duplicate on purpose)
 */
public record VehicleMessage(int vehicleIndex, String vin, Kind kind, String topic, int qos, boolean retained,
                             long emittedAt, String json, long[] sampleSeqs, boolean resend) {

    public enum Kind { TELEMETRY, EVENT, STATUS }

    public byte[] payload() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The telemetry message decoded as the gateway decodes it; only for {@link Kind#TELEMETRY}. */
    public io.pitwall.contracts.telemetry.TelemetryMessage telemetry() {
        if (kind != Kind.TELEMETRY) {
            throw new IllegalStateException("a " + kind + " message carries no telemetry");
        }
        return new io.pitwall.contracts.telemetry.TelemetryDecoder(io.pitwall.contracts.ContractLimits.defaults(),
                java.time.Clock.fixed(java.time.Instant.ofEpochMilli(emittedAt), java.time.ZoneOffset.UTC))
                .decode(vin, payload(), io.pitwall.contracts.PayloadFormat.JSON);
    }

    /** The event; only for {@link Kind#EVENT}. */
    public io.pitwall.contracts.events.VehicleEvent event() {
        if (kind != Kind.EVENT) {
            throw new IllegalStateException("a " + kind + " message carries no event");
        }
        return io.pitwall.contracts.Json.read(payload(), io.pitwall.contracts.events.VehicleEvent.class);
    }

    /** A copy of this message marked as a resend. */
    VehicleMessage asResend() {
        return new VehicleMessage(vehicleIndex, vin, kind, topic, qos, retained, emittedAt, json, sampleSeqs, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VehicleMessage m && m.vehicleIndex == vehicleIndex && m.kind == kind && m.topic.equals(topic)
                && m.qos == qos && m.retained == retained && m.emittedAt == emittedAt && m.json.equals(json)
                && java.util.Arrays.equals(m.sampleSeqs, sampleSeqs) && m.resend == resend;
    }

    @Override
    public int hashCode() {
        return json.hashCode() * 31 + Long.hashCode(emittedAt);
    }

    @Override
    public String toString() {
        return kind + " " + topic + " qos" + qos + (resend ? " resend" : "") + " @" + emittedAt + " " + json;
    }
}
