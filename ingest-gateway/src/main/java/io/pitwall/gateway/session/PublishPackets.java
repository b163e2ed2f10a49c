package io.pitwall.gateway.session;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/** Builds the packets the gateway sends for a subscription: PUBLISH and, for QoS 2, PUBREL. */
final class PublishPackets {

    static final byte PACKET_ID_NOT_FOUND = (byte) 0x92;

    private PublishPackets() {
    }

    /**
     * A PUBLISH of the message. MQTT 5 clients also get the publisher's properties, the remaining
     * expiry, the subscription identifiers and, where one is set, the topic alias.
     */
    static MqttPublishMessage publish(OutboundMessage m, int packetId, boolean dup, long nowMillis, boolean mqtt5,
                                      OutboundTopicAliases.Use alias) {
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (mqtt5 && (m.expiresAtMillis() > 0 || !m.subscriptionIds().isEmpty() || !m.forwarded().isEmpty()
                || alias.alias() > 0)) {
            props = new MqttProperties();
            for (MqttProperties.MqttProperty<?> p : m.forwarded().listAll()) {
                props.add(p);
            }
            if (m.expiresAtMillis() > 0) {
                // MQTT 5, 3.3.2.3.3: the interval sent is what is left of the publisher's.
                long remaining = Math.max(1, (m.expiresAtMillis() - nowMillis + 999) / 1000);
                props.add(intProp(MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL,
                        (int) Math.min(Integer.MAX_VALUE, remaining)));
            }
            for (int id : m.subscriptionIds()) {
                props.add(intProp(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER, id));
            }
            if (alias.alias() > 0) {
                props.add(intProp(MqttProperties.MqttPropertyType.TOPIC_ALIAS, alias.alias()));
            }
        }
        String topicName = alias.sendTopicName() ? m.topic() : "";
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(m.qos()), m.retain(), 0),
                new MqttPublishVariableHeader(topicName, packetId, props),
                Unpooled.wrappedBuffer(m.payload()));
    }

    /** PUBREL; the reason code reaches MQTT 5 clients only (the encoder drops it for 3.1.1). */
    static MqttMessage pubRel(int packetId, byte reasonCode) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reasonCode, MqttProperties.NO_PROPERTIES));
    }

    private static MqttProperties.IntegerProperty intProp(MqttProperties.MqttPropertyType type, int value) {
        return new MqttProperties.IntegerProperty(type.value(), value);
    }
}
