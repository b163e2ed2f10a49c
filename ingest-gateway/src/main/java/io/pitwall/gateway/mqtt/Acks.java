package io.pitwall.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Builds PUBACK, PUBREC and PUBCOMP packets. MQTT 5 acknowledgements carry a reason code and,
 * for failures, a reason string; MQTT 3.1.1 ones carry only the packet id (the encoder drops the
 * rest for 3.1.1 connections).
 */
final class Acks {

    private Acks() {
    }

    static MqttMessage pubAck(int packetId, ReasonCode reason, String why) {
        return reply(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, packetId, reason, why);
    }

    static MqttMessage pubRec(int packetId, ReasonCode reason, String why) {
        return reply(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, packetId, reason, why);
    }

    static MqttMessage pubComp(int packetId, ReasonCode reason) {
        return reply(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId, reason, null);
    }

    /** The ack for a publish at the given QoS: PUBACK for 1, PUBREC for 2. */
    static MqttMessage forQos(int qos, int packetId, ReasonCode reason, String why) {
        return qos == 2 ? pubRec(packetId, reason, why) : pubAck(packetId, reason, why);
    }

    private static MqttMessage reply(MqttMessageType type, MqttQoS qos, int packetId, ReasonCode reason, String why) {
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (why != null) {
            props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(
                    MqttProperties.MqttPropertyType.REASON_STRING.value(), Disconnects.truncate(why)));
        }
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reason.value(), props));
    }
}
