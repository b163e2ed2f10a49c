package io.pitwall.simulators.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import javax.net.ssl.SSLSocketFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A vehicle connection over MQTT 3.1.1 (Eclipse Paho {@code mqttv3}). */
final class PahoV3Connection implements VehicleConnection {

    /** Paho's own cap; the gateway applies backpressure long before. */
    private static final int MAX_INFLIGHT = 1000;

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final String brokerUri;
    private final String vin;
    private final boolean certificate;

    private PahoV3Connection(MqttAsyncClient client, MqttConnectOptions options, String brokerUri, String vin, boolean certificate) {
        this.client = client;
        this.options = options;
        this.brokerUri = brokerUri;
        this.vin = vin;
        this.certificate = certificate;
    }

    static PahoV3Connection connect(String brokerUri, String vin, String secret, SSLSocketFactory sockets, boolean certificate)
            throws VehicleConnectException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(vin);
        options.setPassword(secret.toCharArray());
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(VehicleConnector.KEEP_ALIVE_SECONDS);
        options.setMaxInflight(MAX_INFLIGHT);
        options.setConnectionTimeout(VehicleConnector.CONNECT_TIMEOUT_SECONDS);
        options.setWill(VehicleConnector.statusTopic(vin), VehicleConnector.WILL_PAYLOAD.getBytes(StandardCharsets.UTF_8), 1, true);
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(brokerUri, vin, new MemoryPersistence());
        } catch (MqttException e) {
            throw PahoReasonCodes.failure(brokerUri, vin, certificate, e.getReasonCode(), e);
        }
        try {
            client.connect(options).waitForCompletion(VehicleConnector.WAIT_MILLIS);
        } catch (MqttException e) {
            closeQuietly(client);
            throw PahoReasonCodes.failure(brokerUri, vin, certificate, e.getReasonCode(), e);
        }
        return new PahoV3Connection(client, options, brokerUri, vin, certificate);
    }

    @Override
    public void publish(Publication p, Runnable onAck, Consumer<Throwable> onError) {
        try {
            client.publish(p.topic(), p.payload(), p.qos(), p.retained(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    onAck.run();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    onError.accept(error);
                }
            });
        } catch (MqttException e) {
            onError.accept(e);
        }
    }

    @Override
    public void reconnect() throws VehicleConnectException {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            // Already gone: connect below either way.
        }
        try {
            client.connect(options).waitForCompletion(VehicleConnector.WAIT_MILLIS);
        } catch (MqttException e) {
            if (!PahoReasonCodes.alreadyConnecting(e.getReasonCode())) {
                throw PahoReasonCodes.failure(brokerUri, vin, certificate, e.getReasonCode(), e);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            // Closing after a lost connection can fail; the socket is gone either way.
        }
        closeQuietly(client);
    }

    private static void closeQuietly(MqttAsyncClient client) {
        try {
            client.close(true);
        } catch (MqttException e) {
            // Nothing left to release.
        }
    }
}
