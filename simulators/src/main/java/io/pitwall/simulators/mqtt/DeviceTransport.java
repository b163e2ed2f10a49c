package io.pitwall.simulators.mqtt;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import io.pitwall.simulators.scenario.VehicleMessage;

import java.util.Objects;

/**
 * How devices talk to the gateway: MQTT version, telemetry encoding and TLS. It also turns a
 * message into the PUBLISH the contract prescribes for that combination: CBOR telemetry carries
 * the content type {@code application/cbor} in MQTT 5 and goes to {@code .../telemetry/cbor} in
 * MQTT 3.1.1, which has no content type (CONTRACTS.md section 1). Events and status are JSON in
 * every combination: the contract offers CBOR for telemetry only.
 *
 * @param protocol MQTT 3.1.1 or 5.0
 * @param payload  JSON or CBOR for telemetry
 * @param tls      TLS settings, or null for plain TCP
 */
public record DeviceTransport(MqttProtocol protocol, PayloadFormat payload, TlsSettings tls) {

    /** What the simulators always spoke before: MQTT 3.1.1, JSON, plain TCP. */
    public static final DeviceTransport DEFAULT = new DeviceTransport(MqttProtocol.V3_1_1, PayloadFormat.JSON, null);

    private static final String TELEMETRY_SUFFIX = "/telemetry";
    private static final String CBOR_SUFFIX = "/cbor";

    public DeviceTransport {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(payload, "payload");
    }

    public DeviceTransport withTls(TlsSettings settings) {
        return new DeviceTransport(protocol, payload, settings);
    }

    public boolean tlsEnabled() {
        return tls != null;
    }

    /** The broker URI to dial: {@code tcp://} becomes {@code ssl://} when TLS is on. */
    public String brokerUri(String uri) {
        return tls != null && uri.startsWith("tcp://") ? "ssl://" + uri.substring("tcp://".length()) : uri;
    }

    /**
     * The topic a telemetry message goes to. Only MQTT 3.1.1 CBOR changes it, and only a topic
     * ending in {@code /telemetry} (a load run against another broker keeps its own topics).
     */
    public String telemetryTopic(String jsonTopic) {
        boolean cborTopic = payload == PayloadFormat.CBOR && protocol == MqttProtocol.V3_1_1
                && jsonTopic.endsWith(TELEMETRY_SUFFIX);
        return cborTopic ? jsonTopic + CBOR_SUFFIX : jsonTopic;
    }

    /** The MQTT 5 content type of a payload in {@code format}; MQTT 3.1.1 has none. */
    public String contentType(PayloadFormat format) {
        return protocol == MqttProtocol.V5 ? format.contentType() : null;
    }

    /** A telemetry message, encoded with the contract's own wire serializer. */
    public Publication telemetry(String jsonTopic, TelemetryMessage message, int qos) {
        byte[] bytes = payload == PayloadFormat.CBOR ? Json.writeCbor(message) : Json.write(message);
        return new Publication(telemetryTopic(jsonTopic), bytes, contentType(payload), qos, false);
    }

    /** A simulated device's message as it goes on the wire in this transport. */
    public Publication publication(VehicleMessage m) {
        if (m.kind() == VehicleMessage.Kind.TELEMETRY && payload == PayloadFormat.CBOR) {
            return telemetry(m.topic(), m.telemetry(), m.qos());
        }
        return new Publication(m.topic(), m.payload(), contentType(PayloadFormat.JSON), m.qos(), m.retained());
    }
}
