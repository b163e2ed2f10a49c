package io.pitwall.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.config.Limits;
import io.pitwall.gateway.session.SessionState;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow control between real clients through the gateway (insecure development profile, real Kafka):
 * slow subscribers lose QoS 0 messages instead of growing the gateway's buffers and hold route-only
 * publishers back; Paho never exceeds the announced Receive Maximum and a client that does gets
 * 0x93; QoS 2 and topic aliases work with Paho, and unfinished QoS 2 flows resume after a reconnect.
 */
@ExtendWith(RealKafkaExtension.class)
class GatewayFlowControlITCase {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFlowControlITCase.class);
    private static final String VIN = "LSVAU2180N2183294";

    @TempDir
    static Path dir;
    private static KafkaBroker kafka;

    @BeforeAll
    static void topics(KafkaBroker broker) {
        kafka = broker;
        kafka.createTopic("telemetry.raw", 2, Map.of());
        kafka.createTopic("telemetry.rejected", 1, Map.of());
    }

    private static MqttGateway gateway(String id, Limits limits, int maxInFlightPerConnection) throws Exception {
        return MqttGateway.start(GatewayConfig.builder().mqttPort(0).gatewayId(id).noticesTopic("")
                .developmentProfile(true).kafkaBootstrap(kafka.bootstrapServers())
                .deviceRegistry(dir.resolve(id + ".json")).maxInFlightPerConnection(maxInFlightPerConnection)
                .limits(limits).build());
    }

    /** Rate limits out of the way: these tests are about what subscribers and the protocol allow. */
    private static Limits unthrottled() {
        return Limits.defaults().withMaxPublishesPerSecond(1_000_000).withMaxPublishBytesPerSecond(Integer.MAX_VALUE);
    }

    private static String uri(MqttGateway gateway) {
        return "tcp://127.0.0.1:" + gateway.port();
    }

    /**
     * Publishes {@code count} messages from a thread of its own (a held-back publisher blocks in
     * Paho), counting each one Paho has finished: written for QoS 0, acknowledged for QoS 1.
     */
    private static Thread publishInBackground(MqttClient publisher, String topic, int qos, int count,
                                              IntFunction<byte[]> payload, AtomicInteger done) {
        Thread publishing = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    publisher.publish(topic, payload.apply(i), qos, false);
                    done.incrementAndGet();
                }
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                throw new IllegalStateException(e);
            }
        }, "publisher-" + publisher.getClientId());
        publishing.start();
        return publishing;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSlowQos0SubscriberHoldsBackARouteOnlyPublisherWithinItsBoundedQueue() throws Exception {
        int sent = 3_000;
        try (MqttGateway gateway = gateway("gw-qos0", unthrottled(), 64)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger flood = new AtomicInteger();
            CountDownLatch marker = new CountDownLatch(1);
            MqttClient subscriber = new MqttClient(uri(gateway), "slow-qos0", new MemoryPersistence());
            subscriber.setCallback(PahoCallbacks.v3((topic, m) -> {
                if (topic.equals("end")) {
                    marker.countDown();
                    return;
                }
                flood.incrementAndGet();
                // Blocking the callback stops Paho reading its socket once its inbound queue is full.
                awaitQuietly(release);
            }));
            subscriber.connect(new MqttConnectOptions());
            subscriber.subscribe(new String[] {"flood/#", "end"}, new int[] {0, 1});

            MqttClient publisher = new MqttClient(uri(gateway), "fast-qos0", new MemoryPersistence());
            publisher.connect(new MqttConnectOptions());
            byte[] payload = new byte[16 * 1024];
            AtomicInteger published = new AtomicInteger();
            Thread publishing = publishInBackground(publisher, "flood/x", 0, sent, i -> payload, published);

            // The subscriber's socket fills, QoS 0 messages wait in its queue (64 here), and the
            // publisher - whose messages are only routed - is no longer read.
            GatewayIngestITCase.await("the publisher paused for the slow QoS 0 subscriber",
                    () -> gateway.counters().get("backpressure.paused-slow-subscribers") > 0);
            assertThat(published.get()).as("held back, not read to the end").isLessThan(sent);
            assertThat(publisher.isConnected()).as("the publisher is not punished for the subscriber").isTrue();

            release.countDown();
            publishing.join(120_000);
            assertThat(published.get()).isEqualTo(sent);
            publisher.publish("end", bytes("end"), 1, false);
            assertThat(marker.await(60, TimeUnit.SECONDS)).as("the subscriber is served again").isTrue();
            long dropped = gateway.counters().get("outbound.dropped.queue-full");
            LOG.info("QoS 0 flood: {} sent, {} delivered, {} dropped; counters {}", sent, flood.get(), dropped,
                    gateway.counters().snapshot());
            assertThat(flood.get() + dropped).as("every message delivered or counted as dropped").isEqualTo(sent);
            for (MqttClient c : List.of(publisher, subscriber)) {
                c.disconnect();
                c.close();
            }
        }
    }

    @Test
    void aRouteOnlyPublisherIsHeldBackWhileAQos1SubscriberDoesNotKeepUp() throws Exception {
        int messages = 60;
        try (MqttGateway gateway = gateway("gw-slow-qos1", unthrottled().withMaxQueuedMessages(10), 64)) {
            CountDownLatch release = new CountDownLatch(1);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttAsyncClient subscriber = v5(gateway, "slow-qos1", (topic, m) -> {
                received.add(new String(m.getPayload(), StandardCharsets.UTF_8));
                awaitQuietly(release);
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            // One message in flight: while its callback blocks, Paho sends no PUBACK and the gateway queues.
            options.setReceiveMaximum(1);
            subscriber.connect(options).waitForCompletion(10_000);
            subscriber.subscribe(new MqttSubscription("work/#", 1)).waitForCompletion(10_000);

            AtomicInteger acknowledged = new AtomicInteger();
            MqttClient publisher = new MqttClient(uri(gateway), "eager", new MemoryPersistence());
            publisher.connect(new MqttConnectOptions());
            Thread publishing = publishInBackground(publisher, "work/x", 1, messages, i -> bytes("m" + i), acknowledged);

            GatewayIngestITCase.await("the publisher paused for the slow subscriber",
                    () -> gateway.counters().get("backpressure.paused-slow-subscribers") > 0);
            int before = acknowledged.get();
            Thread.sleep(2_000);
            int during = acknowledged.get() - before;
            LOG.info("While the subscriber was stuck: {} publishes acknowledged before the pause, {} in 2 s after",
                    before, during);
            assertThat(during).as("held back to about one socket read a second").isLessThanOrEqualTo(5);
            assertThat(acknowledged.get()).isLessThan(messages);

            release.countDown();
            publishing.join(60_000);
            assertThat(acknowledged.get()).isEqualTo(messages);
            GatewayIngestITCase.await("the newest message reached the subscriber", () -> received.contains("m" + (messages - 1)));
            GatewayIngestITCase.await("every message delivered or counted as dropped", () -> received.size()
                    + gateway.counters().get("outbound.dropped.queue-full") == messages);
            publisher.disconnect();
            publisher.close();
            subscriber.disconnect().waitForCompletion(5_000);
            subscriber.close();
        }
    }

    @Test
    void pahoStaysWithinTheReceiveMaximumAndAClientBeyondItIsDisconnectedWith0x93() throws Exception {
        try (MqttGateway gateway = gateway("gw-receive-max", unthrottled(), 4)) {
            MqttAsyncClient client = v5(gateway, VIN + ":paho", (t, m) -> { });
            client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            List<IMqttToken> tokens = new ArrayList<>();
            for (int seq = 1; seq <= 120; seq++) {
                MqttMessage m = new MqttMessage(sample(seq), seq % 6 == 0 ? 2 : 1, false, null);
                while (true) {
                    try {
                        tokens.add(client.publish("v1/vehicles/" + VIN + "/telemetry", m));
                        break;
                    } catch (MqttException e) {
                        // Paho's own flow control: it has the Receive Maximum (4) in flight.
                        assertThat(e.getReasonCode()).isEqualTo(MqttClientException.REASON_CODE_MAX_INFLIGHT);
                        Thread.sleep(1);
                    }
                }
            }
            for (IMqttToken token : tokens) {
                token.waitForCompletion(30_000);
            }
            assertThat(client.isConnected()).isTrue();
            assertThat(gateway.counters().get("disconnect.receive_maximum_exceeded")).isZero();
            client.disconnect().waitForCompletion(5_000);
            client.close();

            try (ScriptedMqttClient greedy = new ScriptedMqttClient(gateway.port())) {
                greedy.send(MqttMessageBuilders.connect().clientId(VIN + ":greedy").protocolVersion(MqttVersion.MQTT_5)
                        .cleanSession(true).build());
                MqttConnAckMessage connAck = (MqttConnAckMessage) greedy.next(MqttMessageType.CONNACK);
                assertThat(connAck.variableHeader().properties()
                        .getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value()).value()).isEqualTo(4);
                List<io.netty.handler.codec.mqtt.MqttMessage> burst = new ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    burst.add(MqttMessageBuilders.publish().topicName("v1/vehicles/" + VIN + "/telemetry")
                            .qos(MqttQoS.AT_LEAST_ONCE).messageId(i).payload(Unpooled.wrappedBuffer(sample(1000 + i)))
                            .build());
                }
                greedy.send(burst.toArray(io.netty.handler.codec.mqtt.MqttMessage[]::new));
                io.netty.handler.codec.mqtt.MqttMessage disconnect = greedy.next(MqttMessageType.DISCONNECT);
                assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                        .isEqualTo((byte) 0x93);
                assertThat(greedy.closedWithin(10)).isTrue();
            }
            assertThat(gateway.counters().get("disconnect.receive_maximum_exceeded")).isEqualTo(1);
        }
    }

    @Test
    void pahoReceivesQos2AndItsOfflineQueueAtQos2() throws Exception {
        try (MqttGateway gateway = gateway("gw-qos2", unthrottled(), 64)) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttAsyncClient subscriber = v5(gateway, "fleet-sub",
                    (topic, m) -> received.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)
                            + "@" + m.getQos()));
            // No Topic Alias Maximum (Paho's default): Paho 1.2.5 cannot resolve incoming aliases
            // (eclipse-paho/paho.mqtt.java#866), and the gateway must then send none.
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(300L);
            subscriber.connect(options).waitForCompletion(10_000);
            subscriber.subscribe(new MqttSubscription("fleet/+/status", 2)).waitForCompletion(10_000);

            MqttAsyncClient publisher = v5(gateway, "fleet-pub", (t, m) -> { });
            publisher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                for (String truck : List.of("a", "b")) {
                    String topic = "fleet/" + truck + "/status";
                    publisher.publish(topic, new MqttMessage(bytes("s" + i), 2, false, null)).waitForCompletion(10_000);
                    expected.add(topic + "=s" + i + "@2");
                }
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                String m = received.poll(30, TimeUnit.SECONDS);
                assertThat(m).as("message " + i).isNotNull();
                got.add(m);
            }
            assertThat(got).as("in order, at QoS 2, with full topic names").isEqualTo(expected);
            assertThat(gateway.counters().get("outbound.topic-alias-set")).isZero();
            SessionState session = gateway.services().sessions().find("fleet-sub");
            GatewayIngestITCase.await("every QoS 2 flow completed (PUBCOMP)", () -> session.inFlightCount() == 0);

            subscriber.disconnect().waitForCompletion(5_000);
            for (int i = 0; i < 3; i++) {
                publisher.publish("fleet/c/status", new MqttMessage(bytes("offline" + i), 2, false, null))
                        .waitForCompletion(10_000);
            }
            GatewayIngestITCase.await("queued while offline", () -> session.queued() == 3);
            subscriber.connect(options).waitForCompletion(10_000);
            for (int i = 0; i < 3; i++) {
                assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("fleet/c/status=offline" + i + "@2");
            }
            GatewayIngestITCase.await("completed after the reconnect", () -> session.inFlightCount() == 0);
            assertThat(gateway.counters().get("outbound.unknown-pubrec")).isZero();
            assertThat(gateway.counters().get("outbound.unknown-pubcomp")).isZero();
            for (MqttAsyncClient c : List.of(publisher, subscriber)) {
                c.disconnect().waitForCompletion(5_000);
                c.close();
            }
        }
    }

    @Test
    void aClientThatAcceptsTopicAliasesGetsThemForRepeatedTopics() throws Exception {
        try (MqttGateway gateway = gateway("gw-aliases", unthrottled(), 64);
             ScriptedMqttClient subscriber = new ScriptedMqttClient(gateway.port())) {
            MqttProperties aliases = new MqttProperties();
            aliases.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 2));
            subscriber.send(MqttMessageBuilders.connect().clientId("alias-sub").protocolVersion(MqttVersion.MQTT_5)
                    .cleanSession(true).properties(aliases).build());
            subscriber.next(MqttMessageType.CONNACK);
            subscriber.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, "fleet/#")
                    .build());
            subscriber.next(MqttMessageType.SUBACK);

            MqttAsyncClient publisher = v5(gateway, "alias-pub", (t, m) -> { });
            publisher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
            for (int i = 0; i < 3; i++) {
                publisher.publish("fleet/a/status", new MqttMessage(bytes("s" + i), 1, false, null))
                        .waitForCompletion(10_000);
            }
            List<String> wire = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                MqttPublishMessage p = (MqttPublishMessage) subscriber.next(MqttMessageType.PUBLISH);
                MqttProperties.MqttProperty<?> alias = p.variableHeader().properties()
                        .getProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value());
                wire.add("'" + p.variableHeader().topicName() + "' alias " + (alias == null ? "-" : alias.value()));
            }
            assertThat(wire).containsExactly("'fleet/a/status' alias -", "'fleet/a/status' alias 1", "'' alias 1");
            publisher.disconnect().waitForCompletion(5_000);
            publisher.close();
        }
    }

    @Test
    void qos2MessagesNotCompletedAreSentAgainWhenThePersistentSessionResumes() throws Exception {
        try (MqttGateway gateway = gateway("gw-qos2-resume", unthrottled(), 64)) {
            MqttProperties persistent = new MqttProperties();
            persistent.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 300));
            int released;
            int unanswered;
            try (ScriptedMqttClient first = new ScriptedMqttClient(gateway.port())) {
                first.send(MqttMessageBuilders.connect().clientId("q2-device").protocolVersion(MqttVersion.MQTT_5)
                        .cleanSession(false).properties(persistent).build());
                first.next(MqttMessageType.CONNACK);
                first.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.EXACTLY_ONCE, "jobs/#")
                        .build());
                first.next(MqttMessageType.SUBACK);

                MqttAsyncClient publisher = v5(gateway, "jobs-pub", (t, m) -> { });
                publisher.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
                publisher.publish("jobs/1", new MqttMessage(bytes("one"), 2, false, null)).waitForCompletion(10_000);
                publisher.publish("jobs/2", new MqttMessage(bytes("two"), 2, false, null)).waitForCompletion(10_000);
                publisher.disconnect().waitForCompletion(5_000);
                publisher.close();

                MqttPublishMessage one = (MqttPublishMessage) first.next(MqttMessageType.PUBLISH);
                MqttPublishMessage two = (MqttPublishMessage) first.next(MqttMessageType.PUBLISH);
                released = one.variableHeader().packetId();
                unanswered = two.variableHeader().packetId();
                first.send(reply(MqttMessageType.PUBREC, released));
                assertThat(packetId(first.next(MqttMessageType.PUBREL))).isEqualTo(released);
                // Gone without the PUBCOMP for the first and without the PUBREC for the second.
            }

            try (ScriptedMqttClient second = new ScriptedMqttClient(gateway.port())) {
                second.send(MqttMessageBuilders.connect().clientId("q2-device").protocolVersion(MqttVersion.MQTT_5)
                        .cleanSession(false).properties(persistent).build());
                MqttConnAckMessage connAck = (MqttConnAckMessage) second.next(MqttMessageType.CONNACK);
                assertThat(connAck.variableHeader().isSessionPresent()).isTrue();
                io.netty.handler.codec.mqtt.MqttMessage pubRel = second.next();
                assertThat(pubRel.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
                assertThat(packetId(pubRel)).isEqualTo(released);
                MqttPublishMessage again = (MqttPublishMessage) second.next();
                assertThat(again.fixedHeader().isDup()).isTrue();
                assertThat(again.fixedHeader().qosLevel()).isEqualTo(MqttQoS.EXACTLY_ONCE);
                assertThat(again.variableHeader().packetId()).isEqualTo(unanswered);
                assertThat(again.payload().toString(StandardCharsets.UTF_8)).isEqualTo("two");

                second.send(reply(MqttMessageType.PUBCOMP, released), reply(MqttMessageType.PUBREC, unanswered));
                assertThat(packetId(second.next(MqttMessageType.PUBREL))).isEqualTo(unanswered);
                second.send(reply(MqttMessageType.PUBCOMP, unanswered));
                SessionState session = gateway.services().sessions().find("q2-device");
                GatewayIngestITCase.await("both flows complete", () -> session.inFlightCount() == 0);
            }
            assertThat(gateway.counters().get("outbound.redelivered")).isEqualTo(2);
        }
    }

    private static io.netty.handler.codec.mqtt.MqttMessage reply(MqttMessageType type, int packetId) {
        return new io.netty.handler.codec.mqtt.MqttMessage(new MqttFixedHeader(type, false,
                type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) 0, MqttProperties.NO_PROPERTIES));
    }

    private static int packetId(io.netty.handler.codec.mqtt.MqttMessage m) {
        return ((io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    private static byte[] sample(long seq) {
        return bytes("{\"vin\":\"" + VIN + "\",\"seq\":" + seq + ",\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":12.5}}");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static MqttAsyncClient v5(MqttGateway gateway, String clientId, BiConsumer<String, MqttMessage> onMessage)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(uri(gateway), clientId,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.setCallback(PahoCallbacks.v5(onMessage));
        return client;
    }
}
