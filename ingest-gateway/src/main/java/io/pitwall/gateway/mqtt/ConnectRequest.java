package io.pitwall.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.contracts.Vin;

import java.util.UUID;

/**
 * What a CONNECT asks for, once it has passed the gateway's rules: the client id is the VIN (or
 * {@code VIN:suffix}), the username is that VIN with a password - or a client certificate for that
 * VIN vouches for it - and a will stays under the vehicle's own topics. {@link #parse} throws
 * {@link Refused} naming the CONNACK codes for anything else. The development profile waives the
 * identity rules.
 *
 * @param certificateVin the CN of a verified client certificate, or null
 * @param maxPacket      the client's maximum packet size, {@link Long#MAX_VALUE} if it set none
 * @param topicAliasMaximum topic aliases the client accepts from the gateway (MQTT 5; 0 for none)
 */
record ConnectRequest(String clientId, String vin, MqttVersion version, int keepAliveSeconds, boolean cleanStart,
                      long sessionExpiry, int receiveMaximum, long maxPacket, int topicAliasMaximum, Will will,
                      boolean assignedClientId, String certificateVin, byte[] password) {

    /** 3.1.1 clean session = false: the session lasts until the gateway's maximum expiry. */
    static final long SESSION_EXPIRY_NEVER = 0xFFFF_FFFFL;

    /** A CONNECT that breaks a rule: the counter, the 3.1.1 and 5.0 return codes, and the reason as message. */
    static final class Refused extends RuntimeException {
        final String counter;
        final MqttConnectReturnCode v3Code;
        final MqttConnectReturnCode v5Code;

        Refused(String counter, MqttConnectReturnCode v3Code, MqttConnectReturnCode v5Code, String why) {
            // No stack trace: refusals are expected, and a flood of them must stay cheap.
            super(why, null, false, false);
            this.counter = counter;
            this.v3Code = v3Code;
            this.v5Code = v5Code;
        }
    }

    static ConnectRequest parse(MqttConnectMessage connect, MqttVersion version, boolean development,
                                String certificateVin) {
        boolean v5 = version == MqttVersion.MQTT_5;
        boolean cleanStart = connect.variableHeader().isCleanSession();
        String clientId = connect.payload().clientIdentifier();
        boolean assigned = false;
        if (development && (clientId == null || clientId.isEmpty()) && (v5 || cleanStart)) {
            clientId = "dev-" + UUID.randomUUID();
            assigned = true;
        }
        String vin = clientId == null ? "" : clientId.contains(":") ? clientId.substring(0, clientId.indexOf(':')) : clientId;
        if (development) {
            if (clientId == null || clientId.isEmpty()) {
                throw identifierRejected("an empty client id needs a clean session");
            }
            vin = Vin.isValid(vin) ? vin : "";
        } else if (!Vin.isValid(vin)) {
            throw identifierRejected("client id must be the VIN (17 characters, no I/O/Q), optionally followed by :<device>");
        }
        String username = connect.payload().userName();
        byte[] password = connect.payload().passwordInBytes();
        if (!development) {
            checkCredentials(vin, username, password, certificateVin);
        }
        MqttProperties props = connect.variableHeader().properties();
        long expiry = v5 ? unsigned(props, MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0)
                : cleanStart ? 0 : SESSION_EXPIRY_NEVER;
        int receiveMax = v5 ? (int) unsigned(props, MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM, 65_535) : 65_535;
        long maxPacket = v5 ? unsigned(props, MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE, 0) : 0;
        int topicAliasMax = v5 ? (int) unsigned(props, MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM, 0) : 0;
        return new ConnectRequest(clientId, vin, version, connect.variableHeader().keepAliveTimeSeconds(), cleanStart,
                expiry, receiveMax, maxPacket <= 0 ? Long.MAX_VALUE : maxPacket, topicAliasMax,
                will(connect, v5, vin, development), assigned, certificateVin, password);
    }

    private static void checkCredentials(String vin, String username, byte[] password, String certificateVin) {
        if (certificateVin != null) {
            if (!certificateVin.equals(vin)) {
                throw new Refused("certificate-vin-mismatch", MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                        MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5,
                        "the client certificate is for " + certificateVin + ", not for the client id's VIN");
            }
            if (username != null && !username.equals(vin)) {
                throw badCredentials("username, if given, must be the VIN");
            }
        } else if (!vin.equals(username) || password == null) {
            throw badCredentials("username must be the VIN of the client id and a password must be given");
        }
    }

    private static Will will(MqttConnectMessage connect, boolean v5, String vin, boolean development) {
        if (!connect.variableHeader().isWillFlag()) {
            return null;
        }
        String topicName = connect.payload().willTopic();
        VehicleTopic topic = development ? Ingest.vehicleTopic(topicName) : Ingest.authorizedTopic(topicName, vin);
        boolean allowed = development
                ? topicName != null && !topicName.isEmpty() && topicName.indexOf('+') < 0 && topicName.indexOf('#') < 0
                : topic != null;
        if (!allowed) {
            throw new Refused("will-not-authorized", MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                    MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5,
                    "the will topic must be under " + VehicleTopic.prefixFor(vin) + " (normally its status topic)");
        }
        MqttProperties props = connect.payload().willProperties();
        MqttProperties.MqttProperty<?> contentType = props == null ? null
                : props.getProperty(MqttProperties.MqttPropertyType.CONTENT_TYPE.value());
        return new Will(topicName, topic, connect.payload().willMessageInBytes(), connect.variableHeader().willQos(),
                connect.variableHeader().isWillRetain(),
                v5 ? unsigned(props, MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL, 0) : 0,
                contentType == null ? null : String.valueOf(contentType.value()));
    }

    private static Refused identifierRejected(String why) {
        return new Refused("client-id", MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID, why);
    }

    private static Refused badCredentials(String why) {
        return new Refused("bad-credentials", MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
                MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD, why);
    }

    /** An integer property read as unsigned (session expiry is a four-byte unsigned integer), or the default. */
    private static long unsigned(MqttProperties props, MqttProperties.MqttPropertyType type, long absent) {
        MqttProperties.MqttProperty<?> p = props == null ? null : props.getProperty(type.value());
        return p == null ? absent : Integer.toUnsignedLong((Integer) p.value());
    }
}
