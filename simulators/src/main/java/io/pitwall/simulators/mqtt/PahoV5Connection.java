package io.pitwall.simulators.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import javax.net.ssl.SSLSocketFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * A vehicle connection over MQTT 5.0 (Eclipse Paho {@code mqttv5}). Two things differ from 3.1.1:
 * the server's Receive Maximum is a hard limit (Paho throws rather than queue past it, and the
 * gateway announces 64), so QoS 1 publishes beyond it wait here in order; and a PUBACK may carry a
 * failure reason code, which counts as an error, not an acknowledgement.
 */
final class PahoV5Connection implements VehicleConnection {

    /** MQTT 5 reason codes from 0x80 up are failures. */
    private static final int FIRST_FAILURE_CODE = 0x80;

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String brokerUri;
    private final String vin;
    private final boolean certificate;
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;
    private int receiveMaximum;

    private PahoV5Connection(MqttAsyncClient client, MqttConnectionOptions options, String brokerUri, String vin,
                             boolean certificate, int receiveMaximum) {
        this.client = client;
        this.options = options;
        this.brokerUri = brokerUri;
        this.vin = vin;
        this.certificate = certificate;
        this.receiveMaximum = receiveMaximum;
    }

    static PahoV5Connection connect(String brokerUri, String vin, String secret, SSLSocketFactory sockets, boolean certificate)
            throws VehicleConnectException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(vin);
        options.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(VehicleConnector.KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout(VehicleConnector.CONNECT_TIMEOUT_SECONDS);
        MqttProperties json = new MqttProperties();
        json.setContentType(io.pitwall.contracts.PayloadFormat.JSON.contentType());
        options.setWill(VehicleConnector.statusTopic(vin),
                new MqttMessage(VehicleConnector.WILL_PAYLOAD.getBytes(StandardCharsets.UTF_8), 1, true, json));
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
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(VehicleConnector.WAIT_MILLIS);
            return new PahoV5Connection(client, options, brokerUri, vin, certificate, receiveMaximum(connected));
        } catch (MqttException e) {
            closeQuietly(client);
            throw PahoReasonCodes.failure(brokerUri, vin, certificate, e.getReasonCode(), e);
        }
    }

    @Override
    public void publish(Publication p, Runnable onAck, Consumer<Throwable> onError) {
        MqttProperties properties = new MqttProperties();
        if (p.contentType() != null) {
            properties.setContentType(p.contentType());
        }
        Pending pending = new Pending(p.topic(), new MqttMessage(p.payload(), p.qos(), p.retained(), properties), onAck, onError);
        if (p.qos() == 0) {
            send(pending, false);
            return;
        }
        synchronized (this) {
            if (inFlight >= receiveMaximum) {
                waiting.add(pending);
                return;
            }
            inFlight++;
        }
        if (!send(pending, true)) {
            settled();
        }
    }

    private record Pending(String topic, MqttMessage message, Runnable onAck, Consumer<Throwable> onError) {
    }

    /** Hands the message to Paho; false if Paho refused it at once (then it was reported, and its slot is free). */
    private boolean send(Pending p, boolean counted) {
        try {
            client.publish(p.topic(), p.message(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int code = failureCode(token);
                    if (counted) {
                        settled();
                    }
                    if (code >= FIRST_FAILURE_CODE) {
                        p.onError().accept(new MqttException(code));
                    } else {
                        p.onAck().run();
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    if (counted) {
                        settled();
                    }
                    p.onError().accept(error);
                }
            });
            return true;
        } catch (MqttException e) {
            p.onError().accept(e);
            return false;
        }
    }

    /**
     * A QoS 1 publish is answered (or failed): its place in the window goes to the next waiting
     * one. A loop, not recursion: while disconnected every waiting publish fails at once.
     */
    private void settled() {
        while (true) {
            Pending next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    inFlight--;
                    return;
                }
            }
            if (send(next, true)) {
                return;
            }
        }
    }

    private static int failureCode(IMqttToken token) {
        int worst = 0;
        int[] codes = token.getReasonCodes();
        if (codes != null) {
            for (int code : codes) {
                worst = Math.max(worst, code);
            }
        }
        return worst;
    }

    private static int receiveMaximum(IMqttToken connected) {
        MqttProperties properties = connected.getResponseProperties();
        Integer announced = properties == null ? null : properties.getReceiveMaximum();
        return announced == null || announced <= 0 ? 65_535 : announced;
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
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(VehicleConnector.WAIT_MILLIS);
            synchronized (this) {
                receiveMaximum = receiveMaximum(connected);
            }
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
