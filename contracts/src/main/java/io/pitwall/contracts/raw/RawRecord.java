package io.pitwall.contracts.raw;

import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import java.util.List;

/**
 * What the gateway writes to {@code telemetry.raw} for every PUBLISH it accepted, keyed by VIN:
 * the decoded message plus who sent it, through which gateway, and when. Exactly one of
 * {@code samples}, {@code event} and {@code online} is set, as {@code kind} says.
 *
 * @param clientId   the MQTT client identifier (the VIN, or VIN:suffix for a second device)
 * @param gatewayId  which gateway instance accepted the message
 * @param receivedAt gateway clock when the PUBLISH arrived, epoch milliseconds
 * @param qos        the MQTT QoS the vehicle published with
 */
public record RawRecord(
        int schemaVersion,
        RawKind kind,
        String vin,
        String clientId,
        String gatewayId,
        long receivedAt,
        int qos,
        List<Sample> samples,
        VehicleEvent event,
        Boolean online) {

    public static final int SCHEMA_VERSION = 1;

    public static RawRecord telemetry(TelemetryMessage message, String clientId, String gatewayId, long receivedAt, int qos) {
        return new RawRecord(SCHEMA_VERSION, RawKind.TELEMETRY, message.vin(), clientId, gatewayId, receivedAt, qos,
                message.samples(), null, null);
    }

    public static RawRecord event(VehicleEvent event, String clientId, String gatewayId, long receivedAt, int qos) {
        return new RawRecord(SCHEMA_VERSION, RawKind.EVENT, event.vin(), clientId, gatewayId, receivedAt, qos,
                null, event, null);
    }

    public static RawRecord status(String vin, boolean online, String clientId, String gatewayId, long receivedAt, int qos) {
        return new RawRecord(SCHEMA_VERSION, RawKind.STATUS, vin, clientId, gatewayId, receivedAt, qos,
                null, null, online);
    }
}
