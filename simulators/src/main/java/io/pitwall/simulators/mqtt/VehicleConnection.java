package io.pitwall.simulators.mqtt;

import java.util.function.Consumer;

/**
 * One simulated device's MQTT connection, authenticated as the contract says: client id and
 * username are the VIN, the password is the device secret (or, under mutual TLS, a certificate
 * whose CN is the VIN). Its will message is the retained {@code {"online":false}} status.
 * {@link VehicleConnector} opens them in the fleet's {@link DeviceTransport}.
 */
public interface VehicleConnection extends AutoCloseable {

    /** MQTT 3.1.1, JSON, plain TCP (or TLS with the JDK's CAs for an {@code ssl://} URI). */
    static VehicleConnection connect(String brokerUri, String vin, String secret) throws VehicleConnectException {
        return VehicleConnector.of(brokerUri, DeviceTransport.DEFAULT).connect(vin, secret);
    }

    /** Publishes and calls back once the broker acknowledged it (QoS 1) or it left (QoS 0). */
    void publish(Publication publication, Runnable onAck, Consumer<Throwable> onError);

    /** Drops the connection and connects again, as a device does after losing its network. */
    void reconnect() throws VehicleConnectException;

    @Override
    void close();
}
