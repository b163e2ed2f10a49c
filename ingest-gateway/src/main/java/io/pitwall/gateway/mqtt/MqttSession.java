package io.pitwall.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;

/** What the gateway knows about one authenticated connection, kept in a channel attribute. */
public final class MqttSession {

    public static final AttributeKey<MqttSession> KEY = AttributeKey.valueOf("pitwall.session");

    private final String clientId;
    private final String vin;
    private final MqttVersion version;
    private final OrderedAcks acks = new OrderedAcks();

    public MqttSession(String clientId, String vin, MqttVersion version) {
        this.clientId = clientId;
        this.vin = vin;
        this.version = version;
    }

    public String clientId() {
        return clientId;
    }

    public String vin() {
        return vin;
    }

    public MqttVersion version() {
        return version;
    }

    public boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }

    public OrderedAcks acks() {
        return acks;
    }
}
