package io.pitwall.gateway.session;

import io.netty.handler.codec.mqtt.MqttProperties;

import java.util.List;

/**
 * A message on its way to one client: what to send, at which QoS, and until when it is worth
 * sending (MQTT 5 message expiry; a notice's {@code expiresAt}). Properties the publisher set that
 * travel with the message (user properties, response topic, correlation data, content type,
 * payload format) are kept as they came.
 *
 * @param expiresAtMillis  epoch milliseconds after which it is dropped undelivered; 0 for never
 * @param publisher        client id of the publisher, for no-local; null for the gateway's own messages
 * @param forwarded        publisher's properties to pass on; never null
 * @param subscriptionIds  MQTT 5 subscription identifiers of the matching subscriptions
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retain, long expiresAtMillis,
                              String publisher, MqttProperties forwarded, List<Integer> subscriptionIds) {

    public OutboundMessage(String topic, byte[] payload, int qos, boolean retain, long expiresAtMillis) {
        this(topic, payload, qos, retain, expiresAtMillis, null, MqttProperties.NO_PROPERTIES, List.of());
    }

    public boolean expired(long nowMillis) {
        return expiresAtMillis > 0 && nowMillis >= expiresAtMillis;
    }

    public OutboundMessage withQos(int newQos) {
        return newQos == qos ? this : new OutboundMessage(topic, payload, newQos, retain, expiresAtMillis, publisher,
                forwarded, subscriptionIds);
    }

    /** This message as delivered to one session: its QoS, retain flag and subscription identifiers. */
    public OutboundMessage forDelivery(int newQos, boolean newRetain, List<Integer> ids) {
        return new OutboundMessage(topic, payload, newQos, newRetain, expiresAtMillis, publisher, forwarded, ids);
    }
}
