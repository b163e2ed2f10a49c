package io.pitwall.gateway.mqtt;

import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.contracts.events.VehicleEventDecoder;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.status.StatusDecoder;
import io.pitwall.contracts.telemetry.TelemetryDecoder;
import io.pitwall.gateway.raw.RawTelemetryEncoder;

import java.time.Clock;

/**
 * Turns an accepted PUBLISH from a vehicle into the {@link RawRecord} the gateway writes to Kafka,
 * validating the payload against the contracts on the way. Anything invalid throws
 * {@link ContractViolation} with the reason. JSON telemetry, nearly every message, takes the
 * {@link RawTelemetryEncoder} shortcut to the same record bytes; whatever it does not take is
 * decoded in full here.
 */
public final class InboundRecordFactory {

    private final TelemetryDecoder telemetry;
    private final VehicleEventDecoder events;
    private final StatusDecoder status;
    private final RawTelemetryEncoder fastTelemetry;
    private final String gatewayId;
    private final Clock clock;

    public InboundRecordFactory(ContractLimits limits, Clock clock, String gatewayId) {
        this.telemetry = new TelemetryDecoder(limits, clock);
        this.events = new VehicleEventDecoder(limits, clock);
        this.status = new StatusDecoder(limits);
        this.fastTelemetry = new RawTelemetryEncoder(limits, gatewayId);
        this.gatewayId = gatewayId;
        this.clock = clock;
    }

    /**
     * The record as written to Kafka: {@code Json.write(toRecord(...))}, by the shortest way.
     *
     * @param contentType the MQTT 5 content type, or null (always null in MQTT 3.1.1)
     */
    public byte[] toRecordJson(VehicleTopic topic, String clientId, byte[] payload, String contentType, int qos) {
        long now = clock.millis();
        PayloadFormat format = topic.payloadFormat(contentType);
        if (topic.channel() == VehicleTopic.Channel.TELEMETRY && format == PayloadFormat.JSON) {
            byte[] record = fastTelemetry.encode(topic.vin(), clientId, payload, now, qos);
            if (record != null) {
                return record;
            }
        }
        return Json.write(toRecord(topic, clientId, payload, format, qos, now));
    }

    /**
     * @param contentType the MQTT 5 content type, or null (always null in MQTT 3.1.1)
     */
    public RawRecord toRecord(VehicleTopic topic, String clientId, byte[] payload, String contentType, int qos) {
        long now = clock.millis();
        return toRecord(topic, clientId, payload, topic.payloadFormat(contentType), qos, now);
    }

    private RawRecord toRecord(VehicleTopic topic, String clientId, byte[] payload, PayloadFormat format, int qos,
                               long now) {
        return switch (topic.channel()) {
            case TELEMETRY, TELEMETRY_CBOR -> RawRecord.telemetry(telemetry.decode(topic.vin(), payload, format),
                    clientId, gatewayId, now, qos);
            case EVENTS -> RawRecord.event(events.decode(topic.vin(), payload, format), clientId, gatewayId, now, qos);
            case STATUS -> RawRecord.status(topic.vin(), status.decode(payload, format).online(), clientId, gatewayId,
                    now, qos);
            case NOTICES -> throw new ContractViolation(RejectReason.NOT_AUTHORIZED,
                    "notices flow from the gateway to the vehicle; vehicles may not publish to them");
        };
    }

    public String gatewayId() {
        return gatewayId;
    }
}
