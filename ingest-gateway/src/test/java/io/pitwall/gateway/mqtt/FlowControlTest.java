package io.pitwall.gateway.mqtt;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.pitwall.gateway.config.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.pitwall.gateway.mqtt.TestGateway.TELEMETRY;
import static io.pitwall.gateway.mqtt.TestGateway.publish;
import static io.pitwall.gateway.mqtt.TestGateway.sample;
import static io.pitwall.gateway.mqtt.TestGateway.sent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What slows a publisher down or ends it: route-only publishes are rate-limited and held back by
 * full subscriber queues, MQTT 5 clients beyond the Receive Maximum are disconnected with 0x93, and
 * a Kafka producer that cannot take records pauses reading instead of blocking the event loop.
 */
class FlowControlTest {

    @TempDir
    Path dir;

    private static List<MqttMessageType> types(EmbeddedChannel ch) {
        return sent(ch).stream().map(m -> m.fixedHeader().messageType()).toList();
    }

    private static byte disconnectReason(EmbeddedChannel ch) {
        MqttMessage disconnect = sent(ch).stream()
                .filter(m -> m.fixedHeader().messageType() == MqttMessageType.DISCONNECT).findFirst().orElseThrow();
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode();
    }

    private static EmbeddedChannel devClient(TestGateway gw, String clientId, MqttProperties props) {
        return gw.connected(MqttMessageBuilders.connect().clientId(clientId).protocolVersion(MqttVersion.MQTT_5)
                .cleanSession(true).properties(props).build());
    }

    private static void advance(EmbeddedChannel ch, long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    private static MqttMessage pubRel(int packetId) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId));
    }

    // --- 3. route-only publishers -------------------------------------------------------------------

    @Test
    void routeOnlyPublishesCountAgainstThePublishRateAndByteQuota() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxPublishesPerSecond(2), 8, true);
        EmbeddedChannel fast = devClient(gw, "fast", MqttProperties.NO_PROPERTIES);
        for (int i = 0; i < 3; i++) {
            fast.writeInbound(publish("x/y", 0, 0, "m"));
        }
        assertThat(disconnectReason(fast)).isEqualTo((byte) 0x96);

        TestGateway gw2 = new TestGateway(dir.resolve("b"), Limits.defaults().withMaxPublishBytesPerSecond(1024), 8, true);
        EmbeddedChannel big = devClient(gw2, "big", MqttProperties.NO_PROPERTIES);
        big.writeInbound(publish("x/y", 0, 0, "x".repeat(1500)));
        assertThat(disconnectReason(big)).isEqualTo((byte) 0x97);
        assertThat(gw.kafka.writes).isEmpty();
    }

    @Test
    void aRouteOnlyPublisherIsNotReadWhileASubscriberIsCongestedAndIsReadAgainOnceItDrains() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxQueuedMessages(4), 8, true);
        EmbeddedChannel sub = devClient(gw, "slow", TestGateway.props(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM, 1));
        sub.writeInbound(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "x/#").build());
        sent(sub);
        EmbeddedChannel pub = devClient(gw, "pub", MqttProperties.NO_PROPERTIES);
        for (int i = 1; i <= 4; i++) {
            pub.writeInbound(publish("x/y", 1, i, "m" + i));
        }
        assertThat(types(pub)).as("route-only publishes are still acknowledged at once").hasSize(4)
                .containsOnly(MqttMessageType.PUBACK);
        // Queue bound 4, so the congestion mark is 2: held back from the second message on.
        assertThat(pub.config().isAutoRead()).as("the subscriber is congested").isFalse();
        assertThat(gw.counters.get("backpressure.paused-slow-subscribers")).isEqualTo(1);
        assertThat(gw.services.backpressure().pausedConnections()).isEqualTo(1);

        advance(pub, 10);
        assertThat(pub.config().isAutoRead()).isFalse();
        List<MqttMessage> first = sent(sub);
        assertThat(first).hasSize(1);
        sub.writeInbound(MqttMessageBuilders.pubAck().packetId(((MqttPublishMessage) first.get(0)).variableHeader().packetId()).build());
        assertThat(gw.services.sessions().find("slow").queued()).isEqualTo(2);
        advance(pub, 10);
        assertThat(pub.config().isAutoRead()).as("still above half the mark").isFalse();
        List<MqttMessage> second = sent(sub);
        assertThat(second).hasSize(1);
        sub.writeInbound(MqttMessageBuilders.pubAck().packetId(((MqttPublishMessage) second.get(0)).variableHeader().packetId()).build());
        assertThat(gw.services.sessions().find("slow").queued()).as("back to half the mark").isEqualTo(1);
        advance(pub, 10);
        assertThat(pub.config().isAutoRead()).isTrue();
        assertThat(gw.counters.get("outbound.dropped.queue-full")).as("held back before the bound").isZero();
        assertThat(gw.services.backpressure().pausedConnections()).isZero();
        assertThat(gw.counters.backpressureSeconds()).isPositive();
    }

    @Test
    void aSubscriberThatNeverDrainsHoldsThePublisherBackForASecondAtMost() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxQueuedMessages(2), 8, true);
        EmbeddedChannel sub = devClient(gw, "stuck", TestGateway.props(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM, 1));
        sub.writeInbound(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "x/#").build());
        sent(sub);
        EmbeddedChannel pub = devClient(gw, "pub", MqttProperties.NO_PROPERTIES);
        pub.writeInbound(publish("x/y", 1, 1, "a"));
        pub.writeInbound(publish("x/y", 1, 2, "b"));
        assertThat(pub.config().isAutoRead()).isFalse();
        for (int waited = 10; waited < 1_000; waited += 10) {
            advance(pub, 10);
        }
        assertThat(pub.config().isAutoRead()).as("after 990 ms").isFalse();
        advance(pub, 10);
        assertThat(pub.config().isAutoRead()).as("after 1 s, so two clients publishing to each other never deadlock")
                .isTrue();
    }

    @Test
    void aPublisherIsNotHeldBackByItsOwnSubscription() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxQueuedMessages(2), 8, true);
        EmbeddedChannel self = devClient(gw, "echo", TestGateway.props(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM, 1));
        self.writeInbound(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "x/#").build());
        for (int i = 1; i <= 3; i++) {
            self.writeInbound(publish("x/y", 1, i, "m"));
        }
        assertThat(self.config().isAutoRead()).isTrue();
        assertThat(gw.counters.get("backpressure.paused-slow-subscribers")).isZero();
    }

    // --- 4. receive maximum -------------------------------------------------------------------------

    @Test
    void anMqtt5ClientBeyondTheReceiveMaximumIsDisconnectedWith0x93() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 2);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        assertThat(gw.lastConnAck.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value()).value()).isEqualTo(2);
        // Kafka has not answered yet, so none of them is acknowledged.
        ch.writeInbound(publish(TELEMETRY, 1, 1, sample(1)));
        ch.writeInbound(publish(TELEMETRY, 2, 2, sample(2)));
        // The rest of the burst, decoded from the same socket read, is not acted on.
        ch.writeInbound(publish(TELEMETRY, 1, 3, sample(3)), publish(TELEMETRY, 1, 4, sample(4)),
                publish(TELEMETRY, 1, 5, sample(5)));
        assertThat(disconnectReason(ch)).isEqualTo((byte) 0x93);
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.counters.get("disconnect.receive_maximum_exceeded")).as("counted once").isEqualTo(1);
        assertThat(gw.kafka.writes).as("nothing after the second was stored").hasSize(2);
    }

    @Test
    void acknowledgementsFreeTheQuotaAndQos2CountsUntilPubcomp() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 2);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        ch.writeInbound(publish(TELEMETRY, 1, 1, sample(1)));
        ch.writeInbound(publish(TELEMETRY, 1, 2, sample(2)));
        gw.completeAll();
        assertThat(types(ch)).containsExactly(MqttMessageType.PUBACK, MqttMessageType.PUBACK);

        ch.writeInbound(publish(TELEMETRY, 2, 3, sample(3)));
        ch.writeInbound(publish(TELEMETRY, 2, 3, sample(3)));
        ch.writeInbound(publish(TELEMETRY, 2, 4, sample(4)));
        gw.completeAll();
        assertThat(types(ch)).as("a resent QoS 2 publish is not counted twice")
                .containsExactly(MqttMessageType.PUBREC, MqttMessageType.PUBREC, MqttMessageType.PUBREC);
        ch.writeInbound(pubRel(3));
        assertThat(types(ch)).containsExactly(MqttMessageType.PUBCOMP);
        ch.writeInbound(publish(TELEMETRY, 1, 5, sample(5)));
        assertThat(ch.isActive()).isTrue();
        ch.writeInbound(publish(TELEMETRY, 1, 6, sample(6)));
        assertThat(disconnectReason(ch)).as("4 awaits PUBREL, 5 its PUBACK").isEqualTo((byte) 0x93);
    }

    @Test
    void anMqtt311ClientAtTheBoundIsPausedNotDisconnected() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 2);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_3_1_1);
        for (int i = 1; i <= 3; i++) {
            ch.writeInbound(publish(TELEMETRY, 1, i, sample(i)));
        }
        assertThat(ch.isActive()).isTrue();
        assertThat(ch.config().isAutoRead()).isFalse();
        gw.completeAll();
        assertThat(types(ch)).hasSize(3).containsOnly(MqttMessageType.PUBACK);
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void aFailedPubrecFreesTheQos2PacketIdForTheClientsNextMessage() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        ch.writeInbound(publish(TELEMETRY, 2, 7, "not json"));
        gw.completeAll();
        MqttMessage pubRec = sent(ch).get(0);
        assertThat(((MqttPubReplyMessageVariableHeader) pubRec.variableHeader()).reasonCode()).isEqualTo((byte) 0x99);
        assertThat(gw.services.sessions().find(TestGateway.VIN).qos2Received()).doesNotContainKey(7);

        ch.writeInbound(publish(TELEMETRY, 2, 7, sample(1)));
        assertThat(gw.kafka.writes).as("a new message, not a resend").hasSize(2);
        assertThat(gw.counters.get("qos2.duplicate")).isZero();
    }

    // --- 6. the Kafka producer cannot take records --------------------------------------------------

    @Test
    void whileKafkaCannotTakeRecordsTheWritingConnectionIsNotReadAndNothingIsAcknowledged() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        gw.kafka.busy = true;
        ch.writeInbound(publish(TELEMETRY, 1, 1, sample(1)));
        assertThat(ch.config().isAutoRead()).isFalse();
        assertThat(gw.counters.get("backpressure.paused-kafka-busy")).isEqualTo(1);
        ch.writeInbound(publish(TELEMETRY, 1, 2, sample(2)));
        assertThat(gw.counters.get("backpressure.paused-kafka-busy")).as("counted once per pause").isEqualTo(1);
        advance(ch, 50);
        assertThat(ch.config().isAutoRead()).isFalse();
        assertThat(sent(ch)).isEmpty();

        gw.kafka.busy = false;
        advance(ch, 10);
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(sent(ch)).as("still waiting for Kafka's acknowledgement").isEmpty();
        gw.completeAll();
        assertThat(types(ch)).containsExactly(MqttMessageType.PUBACK, MqttMessageType.PUBACK);
        assertThat(gw.services.backpressure().inFlight()).isZero();
    }

    @Test
    void pauseReasonsAddUpReadingResumesOnlyWhenNoneIsLeft() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 2);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_3_1_1);
        gw.kafka.busy = true;
        ch.writeInbound(publish(TELEMETRY, 1, 1, sample(1)));
        ch.writeInbound(publish(TELEMETRY, 1, 2, sample(2)));
        gw.kafka.busy = false;
        advance(ch, 10);
        assertThat(ch.config().isAutoRead()).as("still two Kafka writes in flight").isFalse();
        gw.completeAll();
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
    }
}
