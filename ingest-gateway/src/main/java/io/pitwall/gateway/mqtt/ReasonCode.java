package io.pitwall.gateway.mqtt;

/** The MQTT 5 reason codes the gateway sends (OASIS MQTT 5.0, section 2.4). */
public enum ReasonCode {
    SUCCESS(0x00),
    NO_SUBSCRIPTION_EXISTED(0x11),
    UNSPECIFIED_ERROR(0x80),
    MALFORMED_PACKET(0x81),
    PROTOCOL_ERROR(0x82),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    NOT_AUTHORIZED(0x87),
    SERVER_BUSY(0x89),
    SERVER_SHUTTING_DOWN(0x8B),
    KEEP_ALIVE_TIMEOUT(0x8D),
    SESSION_TAKEN_OVER(0x8E),
    TOPIC_FILTER_INVALID(0x8F),
    TOPIC_NAME_INVALID(0x90),
    PACKET_ID_NOT_FOUND(0x92),
    RECEIVE_MAXIMUM_EXCEEDED(0x93),
    TOPIC_ALIAS_INVALID(0x94),
    PACKET_TOO_LARGE(0x95),
    MESSAGE_RATE_TOO_HIGH(0x96),
    QUOTA_EXCEEDED(0x97),
    PAYLOAD_FORMAT_INVALID(0x99),
    QOS_NOT_SUPPORTED(0x9B);

    private final byte value;

    ReasonCode(int value) {
        this.value = (byte) value;
    }

    public byte value() {
        return value;
    }
}
