package io.pitwall.gateway;

import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.config.TlsConfig;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TLS listener with real Paho clients: mutual TLS with CN = VIN, and secrets over TLS 1.2. */
@ExtendWith(RealKafkaExtension.class)
class GatewayTlsITCase {

    private static final String VIN = "LSVAU2180N2183294";
    private static final String OTHER_VIN = "LSVAU2180N2183295";
    private static final String SECRET = "tls-secret";

    @TempDir
    static Path dir;
    private static MqttGateway gateway;
    private static TestCertificates pki;

    @BeforeAll
    static void start(KafkaBroker kafka) throws Exception {
        kafka.createTopic("telemetry.raw", 2, Map.of());
        pki = new TestCertificates(dir);
        Path devices = dir.resolve("devices.json");
        new DeviceRegistry(devices, SecretHasher.DEFAULT).register(VIN, SECRET);
        gateway = MqttGateway.start(GatewayConfig.builder().mqttPort(0).gatewayId("gw-tls").noticesTopic("")
                .kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices)
                .tls(new TlsConfig(0, pki.serverKeyStore, TestCertificates.PASSWORD, pki.trustStore, TestCertificates.PASSWORD))
                .build());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static MqttClient tlsClient(String clientId) throws MqttException {
        return new MqttClient("ssl://127.0.0.1:" + gateway.tlsPort(), clientId, new MemoryPersistence());
    }

    private static void publishOne(MqttClient client, long seq) throws MqttException {
        client.publish("v1/vehicles/" + VIN + "/telemetry", ("{\"vin\":\"" + VIN + "\",\"seq\":" + seq
                + ",\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":1.0}}").getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Test
    void deviceWithACertificateForItsVinConnectsWithoutASecretOverTls13() throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(pki.clientContext("TLSv1.3", pki.device(VIN)).getSocketFactory());
        MqttClient client = tlsClient(VIN);
        client.connect(options);
        publishOne(client, 1);
        client.disconnect();
        client.close();
        assertThat(gateway.counters().get("connect.certificate")).isPositive();
    }

    @Test
    void deviceWithoutACertificateUsesItsSecretOverTls12() throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        SSLContext tls12 = pki.clientContext("TLSv1.2", null);
        options.setSocketFactory(tls12.getSocketFactory());
        options.setUserName(VIN);
        options.setPassword(SECRET.toCharArray());
        MqttClient client = tlsClient(VIN + ":dongle");
        client.connect(options);
        publishOne(client, 2);
        client.disconnect();
        client.close();
    }

    @Test
    void certificateOfAnotherVehicleCannotOpenThisVehiclesSession() throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(pki.clientContext("TLSv1.3", pki.device(OTHER_VIN)).getSocketFactory());
        MqttClient client = tlsClient(VIN);
        try {
            assertThatThrownBy(() -> client.connect(options)).isInstanceOfSatisfying(MqttException.class,
                    e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
        } finally {
            client.close(true);
        }
        assertThat(gateway.counters().get("refused.certificate-vin-mismatch")).isPositive();
    }

    @Test
    void plainMqttOnTheTlsPortIsRefused() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + gateway.tlsPort(), VIN, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(VIN);
        options.setPassword(SECRET.toCharArray());
        options.setConnectionTimeout(10);
        try {
            assertThatThrownBy(() -> client.connect(options)).isInstanceOf(MqttException.class);
        } finally {
            client.close(true);
        }
        GatewayIngestITCase.await("the failed handshake is counted",
                () -> gateway.counters().get("connection.tls-failed") > 0);
    }
}
