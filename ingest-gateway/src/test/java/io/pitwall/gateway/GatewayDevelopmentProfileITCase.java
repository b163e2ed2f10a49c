package io.pitwall.gateway;

import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insecure development profile with standard clients: Paho 5.0 request/response through the
 * gateway, and Paho 3.1.1 publish/subscribe with wildcards and retained messages, as
 * mosquitto_pub/sub would use it.
 */
@ExtendWith(RealKafkaExtension.class)
class GatewayDevelopmentProfileITCase {

    @TempDir
    static Path dir;
    private static MqttGateway gateway;

    @BeforeAll
    static void start(KafkaBroker kafka) throws Exception {
        gateway = MqttGateway.start(GatewayConfig.builder().mqttPort(0).gatewayId("gw-dev").noticesTopic("")
                .developmentProfile(true).kafkaBootstrap(kafka.bootstrapServers())
                .deviceRegistry(dir.resolve("devices.json")).build());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String uri() {
        return "tcp://127.0.0.1:" + gateway.port();
    }

    @Test
    void requestResponseBetweenTwoMqtt5Clients() throws Exception {
        MqttAsyncClient responder = v5("responder", (topic, request) -> { });
        responder.setCallback(PahoCallbacks.v5((topic, request) -> {
            MqttProperties reply = new MqttProperties();
            reply.setCorrelationData(request.getProperties().getCorrelationData());
            MqttMessage answer = new MqttMessage(("echo:" + new String(request.getPayload(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8), 1, false, reply);
            try {
                responder.publish(request.getProperties().getResponseTopic(), answer);
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }));
        responder.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        responder.subscribe(new MqttSubscription("service/echo", 1)).waitForCompletion(10_000);

        BlockingQueue<MqttMessage> replies = new LinkedBlockingQueue<>();
        MqttAsyncClient requester = v5("requester", (topic, m) -> replies.add(m));
        requester.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        requester.subscribe(new MqttSubscription("replies/requester", 1)).waitForCompletion(10_000);

        MqttProperties props = new MqttProperties();
        props.setResponseTopic("replies/requester");
        props.setCorrelationData(new byte[] {1, 2, 3});
        props.setUserProperties(List.of(new UserProperty("tenant", "dev")));
        IMqttToken sent = requester.publish("service/echo", new MqttMessage("ping".getBytes(StandardCharsets.UTF_8), 1, false, props));
        sent.waitForCompletion(10_000);

        MqttMessage reply = replies.poll(30, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getPayload(), StandardCharsets.UTF_8)).isEqualTo("echo:ping");
        assertThat(reply.getProperties().getCorrelationData()).containsExactly(1, 2, 3);
        for (MqttAsyncClient c : List.of(requester, responder)) {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
    }

    @Test
    void mqtt311ClientsUseWildcardsAndRetainedMessages() throws Exception {
        MqttClient publisher = new MqttClient(uri(), "tool-pub", new MemoryPersistence());
        publisher.connect(new MqttConnectOptions());
        publisher.publish("home/hall/light", "on".getBytes(StandardCharsets.UTF_8), 1, true);

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient subscriber = new MqttClient(uri(), "tool-sub", new MemoryPersistence());
        subscriber.setCallback(PahoCallbacks.v3((topic, message) -> received.add(topic + "="
                + new String(message.getPayload(), StandardCharsets.UTF_8) + (message.isRetained() ? " (retained)" : ""))));
        subscriber.connect(new MqttConnectOptions());
        subscriber.subscribe("home/#", 1);
        assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("home/hall/light=on (retained)");

        publisher.publish("home/kitchen/temp", "21".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.publish("office/temp", "19".getBytes(StandardCharsets.UTF_8), 1, false);
        assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("home/kitchen/temp=21");
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("office/temp does not match home/#").isNull();
        for (MqttClient c : List.of(publisher, subscriber)) {
            c.disconnect();
            c.close();
        }
    }

    private static MqttAsyncClient v5(String clientId, BiConsumer<String, MqttMessage> onMessage) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri(), clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.setCallback(PahoCallbacks.v5(onMessage));
        return client;
    }
}
