package io.pitwall.contracts;

import io.pitwall.contracts.internal.Text;
import java.util.Objects;

/**
 * One vehicle's MQTT topic, {@code v1/vehicles/{vin}/{channel}}: the only topics a vehicle may use.
 * Parsing is exact (no wildcards, no extra levels) because the gateway authorises on the result.
 */
public record VehicleTopic(String vin, Channel channel) {

    private static final String ROOT = "v1/vehicles/";

    /** The last topic levels after the VIN, one per message stream. */
    public enum Channel {
        TELEMETRY("telemetry"),
        /** Telemetry in CBOR for MQTT 3.1.1 clients, which cannot set a content type. */
        TELEMETRY_CBOR("telemetry/cbor"),
        EVENTS("events"),
        STATUS("status"),
        /** The only channel that flows gateway -> vehicle. */
        NOTICES("notices");

        private final String suffix;

        Channel(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }

        static Channel ofSuffix(String suffix) {
            for (Channel channel : values()) {
                if (channel.suffix.equals(suffix)) {
                    return channel;
                }
            }
            return null;
        }
    }

    public VehicleTopic {
        Vin.requireValid(vin);
        Objects.requireNonNull(channel, "channel");
    }

    /**
     * @throws ContractViolation {@link RejectReason#INVALID_TOPIC} if the topic is not one of the
     *     vehicle topics, {@link RejectReason#INVALID_VIN} if it is but the VIN level is not a VIN
     */
    public static VehicleTopic parse(String mqttTopic) {
        if (mqttTopic == null || !mqttTopic.startsWith(ROOT)) {
            throw invalid(mqttTopic);
        }
        String rest = mqttTopic.substring(ROOT.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw invalid(mqttTopic);
        }
        Channel channel = Channel.ofSuffix(rest.substring(slash + 1));
        if (channel == null) {
            throw invalid(mqttTopic);
        }
        return new VehicleTopic(rest.substring(0, slash), channel);
    }

    /** The topic prefix everything of one vehicle lives under, {@code v1/vehicles/{vin}/}. */
    public static String prefixFor(String vin) {
        return ROOT + Vin.requireValid(vin) + "/";
    }

    /** The MQTT topic name, the inverse of {@link #parse(String)}. */
    public String topic() {
        return prefixFor(vin) + channel.suffix();
    }

    /**
     * The payload format of a PUBLISH on this topic: the MQTT 5 content type when there is one,
     * otherwise CBOR on {@code telemetry/cbor} and JSON elsewhere.
     *
     * @throws ContractViolation {@link RejectReason#UNSUPPORTED_CONTENT_TYPE} for an unknown content
     *     type, or JSON declared on the CBOR topic
     */
    public PayloadFormat payloadFormat(String contentType) {
        PayloadFormat topicFormat = channel == Channel.TELEMETRY_CBOR ? PayloadFormat.CBOR : PayloadFormat.JSON;
        PayloadFormat format = PayloadFormat.fromContentType(contentType, topicFormat);
        if (channel == Channel.TELEMETRY_CBOR && format != PayloadFormat.CBOR) {
            throw new ContractViolation(RejectReason.UNSUPPORTED_CONTENT_TYPE,
                    "content type " + Text.quote(contentType) + " contradicts the topic " + topic() + ", which carries CBOR only");
        }
        return format;
    }

    private static ContractViolation invalid(String topic) {
        return new ContractViolation(RejectReason.INVALID_TOPIC,
                "topic " + (topic == null ? "null" : Text.quote(topic)) + " is not a vehicle topic; expected "
                        + ROOT + "{vin}/ followed by telemetry, telemetry/cbor, events, status or notices");
    }
}
