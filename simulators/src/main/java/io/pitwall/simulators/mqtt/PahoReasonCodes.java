package io.pitwall.simulators.mqtt;

import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * What Paho's reason codes mean for a vehicle's connection. The 3.1.1 and 5.0 clients share their
 * client-side codes (the same numbers in {@code mqttv3.MqttException} and
 * {@code mqttv5.client.MqttClientException}); a 5.0 CONNACK refusal arrives as its own reason code.
 */
final class PahoReasonCodes {

    /** MQTT 5 CONNACK reason codes: bad user name or password, not authorized. */
    private static final int CONNACK_BAD_CREDENTIALS = 0x86;
    private static final int CONNACK_NOT_AUTHORIZED = 0x87;

    private PahoReasonCodes() {
    }

    /** The failed CONNECT as the simulator reports it: refused, unreachable or other. */
    static VehicleConnectException failure(String brokerUri, String vin, boolean certificate, int reasonCode,
                                           Exception cause) {
        VehicleConnectException.Kind kind = switch (reasonCode) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED,
                 CONNACK_BAD_CREDENTIALS, CONNACK_NOT_AUTHORIZED -> VehicleConnectException.Kind.REFUSED;
            case MqttException.REASON_CODE_SERVER_CONNECT_ERROR, MqttException.REASON_CODE_CLIENT_TIMEOUT ->
                    VehicleConnectException.Kind.UNREACHABLE;
            default -> VehicleConnectException.Kind.OTHER;
        };
        return VehicleConnectException.of(kind, brokerUri, vin, certificate, cause);
    }

    /** A reconnect that failed only because Paho's automatic reconnect is already connected or connecting. */
    static boolean alreadyConnecting(int reasonCode) {
        return reasonCode == MqttException.REASON_CODE_CLIENT_CONNECTED
                || reasonCode == MqttException.REASON_CODE_CONNECT_IN_PROGRESS;
    }
}
