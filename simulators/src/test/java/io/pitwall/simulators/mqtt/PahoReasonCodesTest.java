package io.pitwall.simulators.mqtt;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PahoReasonCodesTest {

    private static VehicleConnectException.Kind kind(int code) {
        return PahoReasonCodes.failure("tcp://127.0.0.1:1883", "WVWZZZ1JZXW000001", false, code, new Exception("x")).kind();
    }

    @Test
    void refusalsOfBothClientsAndMqtt5ConnackCodesAreRefused() {
        assertThat(kind(MqttException.REASON_CODE_FAILED_AUTHENTICATION)).isEqualTo(VehicleConnectException.Kind.REFUSED);
        assertThat(kind(MqttClientException.REASON_CODE_NOT_AUTHORIZED)).isEqualTo(VehicleConnectException.Kind.REFUSED);
        assertThat(kind(0x86)).isEqualTo(VehicleConnectException.Kind.REFUSED);
        assertThat(kind(0x87)).isEqualTo(VehicleConnectException.Kind.REFUSED);
    }

    @Test
    void noAnswerIsUnreachableAndTheRestIsOther() {
        assertThat(kind(MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR)).isEqualTo(VehicleConnectException.Kind.UNREACHABLE);
        assertThat(kind(MqttException.REASON_CODE_CLIENT_TIMEOUT)).isEqualTo(VehicleConnectException.Kind.UNREACHABLE);
        assertThat(kind(0x97)).isEqualTo(VehicleConnectException.Kind.OTHER);
    }

    @Test
    void aReconnectRacingPahosOwnIsNotAFailure() {
        assertThat(PahoReasonCodes.alreadyConnecting(MqttClientException.REASON_CODE_CLIENT_CONNECTED)).isTrue();
        assertThat(PahoReasonCodes.alreadyConnecting(MqttException.REASON_CODE_CONNECT_IN_PROGRESS)).isTrue();
        assertThat(PahoReasonCodes.alreadyConnecting(MqttException.REASON_CODE_SERVER_CONNECT_ERROR)).isFalse();
    }
}
