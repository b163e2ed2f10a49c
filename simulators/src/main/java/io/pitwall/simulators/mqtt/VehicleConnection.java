package io.pitwall.simulators.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One simulated device's MQTT 3.1.1 connection (Eclipse Paho), authenticated as the contract
 * says: client id and username are the VIN, the password is the device secret. Its will message
 * is the retained {@code {"online":false}} status.
 */
public final class VehicleConnection implements AutoCloseable {

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final String brokerUri;
    private final String vin;

    private VehicleConnection(MqttAsyncClient client, MqttConnectOptions options, String brokerUri, String vin) {
        this.client = client;
        this.options = options;
        this.brokerUri = brokerUri;
        this.vin = vin;
    }

    public static VehicleConnection connect(String brokerUri, String vin, String secret) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, vin, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(vin);
        options.setPassword(secret.toCharArray());
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(1000);
        options.setConnectionTimeout(10);
        options.setWill("v1/vehicles/" + vin + "/status", "{\"online\":false}".getBytes(StandardCharsets.UTF_8), 1, true);
        try {
            client.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            client.close(true);
            throw new MqttException(e.getReasonCode(), new IllegalStateException(explain(brokerUri, vin, e), e));
        }
        return new VehicleConnection(client, options, brokerUri, vin);
    }

    /** Publishes and calls back once the broker acknowledged it (QoS 1) or it left (QoS 0). */
    public void publish(String topic, byte[] payload, int qos, Runnable onAck, Consumer<Throwable> onError) {
        publish(topic, payload, qos, false, onAck, onError);
    }

    public void publish(String topic, byte[] payload, int qos, boolean retained, Runnable onAck, Consumer<Throwable> onError) {
        try {
            client.publish(topic, payload, qos, retained, null, new IMqttActionListener() {
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

    /** Drops the connection and connects again, as a device does after losing its network. */
    public void reconnect() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            // Already gone: connect below either way.
        }
        try {
            client.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_CLIENT_CONNECTED
                    && e.getReasonCode() != MqttException.REASON_CODE_CONNECT_IN_PROGRESS) {
                throw new MqttException(e.getReasonCode(), new IllegalStateException(explain(brokerUri, vin, e), e));
            }
        }
    }

    /** A sentence a person can act on, for the failures people actually hit. */
    public static String explain(String brokerUri, String vin, MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED ->
                    "The gateway at " + brokerUri + " refused the credentials of " + vin
                            + ": is the vehicle registered with this fleet's seed?";
            case MqttException.REASON_CODE_SERVER_CONNECT_ERROR, MqttException.REASON_CODE_CLIENT_TIMEOUT ->
                    "Cannot reach an MQTT broker at " + brokerUri + ": is the gateway running on that address and port?";
            default -> "Connecting " + vin + " to " + brokerUri + " failed: " + e.getMessage();
        };
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // Closing after a lost connection can fail; the socket is gone either way.
        }
    }
}
