package io.pitwall.simulators.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One simulated device's MQTT 3.1.1 connection (Eclipse Paho), authenticated as the contract
 * says: client id and username are the VIN, the password is the device secret.
 */
public final class VehicleConnection implements AutoCloseable {

    private final MqttAsyncClient client;

    private VehicleConnection(MqttAsyncClient client) {
        this.client = client;
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
        try {
            client.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            client.close(true);
            throw new MqttException(e.getReasonCode(), new IllegalStateException(explain(brokerUri, vin, e), e));
        }
        return new VehicleConnection(client);
    }

    /** Publishes and calls back once the broker acknowledged it (QoS 1) or it left (QoS 0). */
    public void publish(String topic, byte[] payload, int qos, Runnable onAck, java.util.function.Consumer<Throwable> onError) {
        try {
            client.publish(topic, payload, qos, false, null, new IMqttActionListener() {
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

    /** A sentence a person can act on, for the failures people actually hit. */
    static String explain(String brokerUri, String vin, MqttException e) {
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
