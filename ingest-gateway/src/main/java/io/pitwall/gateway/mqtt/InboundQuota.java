package io.pitwall.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;

import java.util.HashSet;
import java.util.Set;

/**
 * MQTT 5 flow control of what a client sends on one connection: its QoS 1 and 2 publishes in
 * flight, from the PUBLISH until the gateway's PUBACK, or until its PUBCOMP (or a failed PUBREC)
 * for QoS 2 (MQTT 5, 4.9). The Receive Maximum the gateway announced in the CONNACK bounds them; a
 * client going beyond it broke the protocol (3.3.4) and is disconnected with 0x93. The count is per
 * connection, as the client's own quota is: QoS 2 ids carried over from an earlier connection
 * awaiting PUBREL do not count. Used only on the connection's event loop.
 */
final class InboundQuota {

    private final int receiveMaximum;
    private final Set<Integer> inFlight = new HashSet<>();

    InboundQuota(int receiveMaximum) {
        this.receiveMaximum = receiveMaximum;
    }

    int receiveMaximum() {
        return receiveMaximum;
    }

    /**
     * A QoS 1/2 PUBLISH arrived: false if it exceeds the Receive Maximum. A packet id already in
     * flight (a resent QoS 2 publish) is not counted twice.
     */
    boolean tryAcquire(int packetId) {
        if (inFlight.contains(packetId)) {
            return true;
        }
        if (inFlight.size() >= receiveMaximum) {
            return false;
        }
        inFlight.add(packetId);
        return true;
    }

    /** An acknowledgement is being sent: a PUBACK, or a PUBREC with a failure code, ends that publish's flow. */
    void sending(MqttMessage ack) {
        if (inFlight.isEmpty()) {
            return; // always so for MQTT 3.1.1; spares boxing the packet id for every PUBACK
        }
        MqttMessageType type = ack.fixedHeader().messageType();
        if (!(ack.variableHeader() instanceof MqttPubReplyMessageVariableHeader header)) {
            return;
        }
        if (type == MqttMessageType.PUBACK || type == MqttMessageType.PUBREC && (header.reasonCode() & 0xFF) >= 0x80) {
            inFlight.remove(header.messageId());
        }
    }

    /** A PUBCOMP is being sent: the QoS 2 publish is done. */
    void completed(int packetId) {
        inFlight.remove(packetId);
    }

    int inFlight() {
        return inFlight.size();
    }
}
