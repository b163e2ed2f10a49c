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
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.pitwall.contracts.notices.Notice;
import io.pitwall.contracts.notices.NoticeKind;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.gateway.config.Limits;
import io.pitwall.gateway.downlink.NoticeConsumer;
import io.pitwall.gateway.session.OutboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.pitwall.gateway.mqtt.TestGateway.NOTICES;
import static io.pitwall.gateway.mqtt.TestGateway.STATUS;
import static io.pitwall.gateway.mqtt.TestGateway.TELEMETRY;
import static io.pitwall.gateway.mqtt.TestGateway.VIN;
import static io.pitwall.gateway.mqtt.TestGateway.publish;
import static io.pitwall.gateway.mqtt.TestGateway.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** QoS 2, sessions, wills, retained messages, subscriptions and downlink, on EmbeddedChannels. */
class SessionHandlersTest {

    @TempDir
    Path dir;

    private TestGateway gateway(Limits limits) {
        return new TestGateway(dir, limits, 8);
    }

    private static MqttMessage pubRel(int packetId) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId));
    }

    private static MqttMessage subscribe(int packetId, String... filters) {
        MqttMessageBuilders.SubscribeBuilder b = MqttMessageBuilders.subscribe().messageId(packetId);
        for (String f : filters) {
            b.addSubscription(MqttQoS.AT_LEAST_ONCE, f);
        }
        return b.build();
    }

    private static MqttMessage pubAck(int packetId) {
        return MqttMessageBuilders.pubAck().packetId(packetId).build();
    }

    private static int reasonOf(MqttMessage m) {
        return ((MqttPubReplyMessageVariableHeader) m.variableHeader()).reasonCode() & 0xFF;
    }

    private static Notice notice(String id, Long expiresAt) {
        return new Notice(id, NoticeKind.ALERT, Severity.WARNING, "Coolant hot", "Stop safely", List.of(), expiresAt);
    }

    @Test
    void qos2SendsPubrecOnlyAfterKafkaAndConfirmsAResendWithoutASecondWrite() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        ch.writeInbound(publish(TELEMETRY, 2, 11, sample(1)));
        ch.writeInbound(publish(TELEMETRY, 2, 11, sample(1)));
        assertThat(gw.kafka.writes).hasSize(1);
        assertThat((Object) ch.readOutbound()).as("no PUBREC before Kafka").isNull();

        gw.completeAll();
        ch.runPendingTasks();
        MqttMessage first = ch.readOutbound();
        MqttMessage second = ch.readOutbound();
        assertThat(first.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
        assertThat(second.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
        assertThat(gw.counters.get("qos2.duplicate")).isEqualTo(1);

        ch.writeInbound(pubRel(11));
        MqttMessage comp = ch.readOutbound();
        assertThat(comp.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBCOMP);
        assertThat(reasonOf(comp)).isZero();

        ch.writeInbound(pubRel(11));
        assertThat(reasonOf(ch.readOutbound())).as("packet identifier not found").isEqualTo(0x92);
    }

    @Test
    void persistentSessionKeepsSubscriptionsAndQueuesNoticesWhileOffline() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel first = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_3_1_1, TestGateway.SECRET, false).build());
        first.writeInbound(subscribe(1, NOTICES));
        MqttSubAckMessage subAck = first.readOutbound();
        assertThat(subAck.payload().grantedQoSLevels()).containsExactly(1);
        first.writeInbound(MqttMessageBuilders.disconnect().build());
        assertThat(first.isActive()).isFalse();

        NoticeConsumer notices = new NoticeConsumerForTest(gw).consumer;
        assertThat(notices.deliver(VIN, notice("n-1", null))).isEqualTo(1);
        assertThat(notices.deliver(VIN, notice("n-expired", System.currentTimeMillis() - 1))).isZero();
        assertThat(gw.services.sessions().find(VIN).queued()).isEqualTo(1);

        EmbeddedChannel second = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_3_1_1, TestGateway.SECRET, false).build());
        assertThat(gw.lastConnAck.variableHeader().isSessionPresent()).isTrue();
        second.runPendingTasks();
        MqttPublishMessage delivered = second.readOutbound();
        assertThat(delivered.variableHeader().topicName()).isEqualTo(NOTICES);
        assertThat(delivered.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(delivered.payload().toString(StandardCharsets.UTF_8)).contains("\"noticeId\":\"n-1\"");
        int packetId = delivered.variableHeader().packetId();
        delivered.release();

        // Not acknowledged: a reconnect sends it again with DUP set.
        second.close();
        EmbeddedChannel third = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_3_1_1, TestGateway.SECRET, false).build());
        third.runPendingTasks();
        MqttPublishMessage again = third.readOutbound();
        assertThat(again.fixedHeader().isDup()).isTrue();
        assertThat(again.variableHeader().packetId()).isEqualTo(packetId);
        again.release();
        third.writeInbound(pubAck(packetId));
        assertThat(gw.services.sessions().find(VIN).inFlightCount()).isZero();
    }

    @Test
    void cleanSessionDiscardsWhatWasThere() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel first = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_3_1_1, TestGateway.SECRET, false).build());
        first.writeInbound(subscribe(1, NOTICES));
        first.close();
        gw.connected(MqttVersion.MQTT_3_1_1);
        assertThat(gw.lastConnAck.variableHeader().isSessionPresent()).isFalse();
        assertThat(gw.services.sessions().find(VIN).subscriptionCount()).isZero();
    }

    @Test
    void mqtt5SessionWithExpiryZeroEndsWithTheConnection() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel ch = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_5, TestGateway.SECRET, false).build());
        ch.close();
        assertThat(gw.services.sessions().find(VIN)).isNull();

        EmbeddedChannel kept = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_5, TestGateway.SECRET, false)
                .properties(TestGateway.props(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL, 60)).build());
        kept.close();
        assertThat(gw.services.sessions().find(VIN)).isNotNull();
        assertThat(gw.services.sessions().sweepExpired(System.currentTimeMillis() + 61_000)).isEqualTo(1);
        assertThat(gw.services.sessions().find(VIN)).isNull();
    }

    @Test
    void secondConnectionWithTheSameClientIdTakesTheSessionOver() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel first = gw.connected(MqttVersion.MQTT_5);
        gw.connected(MqttVersion.MQTT_5);
        first.runPendingTasks();
        MqttMessage disconnect = first.readOutbound();
        assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x8E);
        assertThat(first.isActive()).isFalse();
        assertThat(gw.services.sessions().find(VIN).isOnline()).isTrue();
    }

    @Test
    void willIsStoredInKafkaAsAStatusRecordWhenTheConnectionIsLost() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel ch = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_3_1_1, TestGateway.SECRET, true)
                .willFlag(true).willTopic(STATUS).willMessage("{\"online\":false}".getBytes(StandardCharsets.UTF_8))
                .willQoS(MqttQoS.AT_LEAST_ONCE).willRetain(true).build());
        ch.close();
        assertThat(gw.kafka.writes).hasSize(1);
        assertThat(gw.kafka.writes.get(0).topic()).isEqualTo("telemetry.raw");
        assertThat(new String(gw.kafka.writes.get(0).value(), StandardCharsets.UTF_8))
                .contains("\"kind\":\"STATUS\"").contains("\"online\":false");
        gw.completeAll();
        assertThat(gw.counters.get("will.published")).isEqualTo(1);
        assertThat(gw.services.router().retainedMatching(VIN, STATUS)).hasSize(1);
    }

    @Test
    void normalDisconnectDiscardsTheWill() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel ch = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_3_1_1, TestGateway.SECRET, true)
                .willFlag(true).willTopic(STATUS).willMessage("{\"online\":false}".getBytes(StandardCharsets.UTF_8))
                .willQoS(MqttQoS.AT_LEAST_ONCE).build());
        ch.writeInbound(MqttMessageBuilders.disconnect().build());
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.kafka.writes).isEmpty();
    }

    @Test
    void disconnectWithWillMessageReasonPublishesTheWill() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel ch = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_5, TestGateway.SECRET, true)
                .willFlag(true).willTopic(STATUS).willMessage("{\"online\":false}".getBytes(StandardCharsets.UTF_8))
                .willQoS(MqttQoS.AT_LEAST_ONCE).build());
        ch.writeInbound(MqttMessageBuilders.disconnect().reasonCode((byte) 0x04).build());
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.kafka.writes).hasSize(1);
    }

    @Test
    void unsubscribeAnswersWhetherEachFilterExisted() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        ch.writeInbound(subscribe(1, NOTICES));
        ch.readOutbound();
        ch.writeInbound(MqttMessageBuilders.unsubscribe().messageId(2).addTopicFilter(NOTICES)
                .addTopicFilter("v1/vehicles/" + VIN + "/never").build());
        io.netty.handler.codec.mqtt.MqttUnsubAckMessage ack = ch.readOutbound();
        assertThat(ack.payload().unsubscribeReasonCodes()).containsExactly((short) 0x00, (short) 0x11);
        assertThat(gw.services.sessions().find(VIN).subscriptionCount()).isZero();
    }

    @Test
    void willDelayIsCancelledByAReconnectAndHonouredOtherwise() {
        TestGateway gw = gateway(Limits.defaults());
        MqttMessage connectWithDelayedWill = TestGateway.connectBuilder(MqttVersion.MQTT_5, TestGateway.SECRET, false)
                .properties(TestGateway.props(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL, 300))
                .willFlag(true).willTopic(STATUS).willMessage("{\"online\":false}".getBytes(StandardCharsets.UTF_8))
                .willQoS(MqttQoS.AT_LEAST_ONCE)
                .willProperties(TestGateway.props(MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL, 30)).build();
        EmbeddedChannel first = gw.connected(connectWithDelayedWill);
        loseConnection(first);
        assertThat(gw.kafka.writes).as("will waits for its delay").isEmpty();
        gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_5, TestGateway.SECRET, false)
                .properties(TestGateway.props(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL, 300)).build());
        first.advanceTimeBy(31, TimeUnit.SECONDS);
        first.runScheduledPendingTasks();
        assertThat(gw.kafka.writes).as("reconnect within the delay cancels the will").isEmpty();

        TestGateway gw2 = new TestGateway(dir.resolve("b"), Limits.defaults(), 8);
        EmbeddedChannel lost = gw2.connected(connectWithDelayedWill);
        loseConnection(lost);
        lost.advanceTimeBy(31, TimeUnit.SECONDS);
        lost.runScheduledPendingTasks();
        assertThat(gw2.kafka.writes).hasSize(1);
    }

    @Test
    void refusesAWillOnAnotherVehiclesTopic() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel ch = gw.channel();
        ch.writeInbound(TestGateway.connectBuilder(MqttVersion.MQTT_5, TestGateway.SECRET, true)
                .willFlag(true).willTopic("v1/vehicles/" + TestGateway.OTHER_VIN + "/status")
                .willMessage("{\"online\":false}".getBytes(StandardCharsets.UTF_8)).build());
        io.netty.handler.codec.mqtt.MqttConnAckMessage ack = ch.readOutbound();
        assertThat(ack.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x87);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void closesAConnectionSilentForOneAndAHalfKeepAlivePeriods() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        ch.advanceTimeBy(44, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).as("keep-alive 30 s: still within 45 s").isTrue();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        MqttMessage disconnect = ch.readOutbound();
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x8D);
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.counters.get("disconnect.keep_alive_timeout")).isEqualTo(1);
    }

    @Test
    void grantsTheServerKeepAliveToAnMqtt5ClientAskingForNone() {
        TestGateway gw = gateway(Limits.defaults().withMaxKeepAliveSeconds(120));
        gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_5, TestGateway.SECRET, true).keepAlive(0).build());
        MqttProperties.MqttProperty<?> keepAlive = gw.lastConnAck.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE.value());
        assertThat(keepAlive.value()).isEqualTo(120);
    }

    @Test
    void retainedStatusIsSentToANewSubscriberAndClearedByAnEmptyPayload() {
        TestGateway gw = gateway(Limits.defaults());
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        ch.writeInbound(publish(STATUS, 1, 1, "{\"online\":true}", true));
        gw.completeAll();
        ch.runPendingTasks();
        assertThat(((MqttMessage) ch.readOutbound()).fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);

        ch.writeInbound(subscribe(2, "v1/vehicles/" + VIN + "/+"));
        assertThat(((MqttMessage) ch.readOutbound()).fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
        ch.runPendingTasks();
        MqttPublishMessage retained = ch.readOutbound();
        assertThat(retained.fixedHeader().isRetain()).isTrue();
        assertThat(retained.payload().toString(StandardCharsets.UTF_8)).isEqualTo("{\"online\":true}");
        retained.release();

        ch.writeInbound(publish(STATUS, 1, 3, "", true));
        assertThat(gw.kafka.writes).as("clearing stores nothing").hasSize(1);
        assertThat(gw.services.router().retainedMatching(VIN, STATUS)).isEmpty();
    }

    @Test
    void subackCarriesFailureCodesForForeignInvalidAndExcessFilters() {
        TestGateway gw = gateway(Limits.defaults().withMaxSubscriptions(1));
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        ch.writeInbound(subscribe(1, NOTICES, "v1/vehicles/" + TestGateway.OTHER_VIN + "/notices",
                "v1/vehicles/" + VIN + "/#/x", "v1/vehicles/" + VIN + "/status"));
        MqttSubAckMessage ack = ch.readOutbound();
        assertThat(ack.payload().reasonCodes()).containsExactly(1, 0x87, 0x8F, 0x97);
        assertThat(gw.counters.get("limit.subscriptions")).isEqualTo(1);
        assertThat(gw.counters.get("refused.subscribe-not-authorized")).isEqualTo(1);
    }

    @Test
    void fullOfflineQueueDropsTheOldestAndCountsIt() {
        TestGateway gw = gateway(Limits.defaults().withMaxQueuedMessages(2));
        EmbeddedChannel ch = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_3_1_1, TestGateway.SECRET, false).build());
        ch.writeInbound(subscribe(1, NOTICES));
        ch.close();
        for (int i = 0; i < 3; i++) {
            gw.services.router().route(VIN, new OutboundMessage(NOTICES, new byte[] {'x'}, 1, false, 0));
        }
        assertThat(gw.services.sessions().find(VIN).queued()).isEqualTo(2);
        assertThat(gw.counters.get("outbound.dropped.queue-full")).isEqualTo(1);
    }

    /**
     * Drops the connection as a network failure would. (EmbeddedChannel.close() would also cancel
     * the tasks scheduled on its event loop, such as a delayed will.)
     */
    private static void loseConnection(EmbeddedChannel ch) {
        ch.pipeline().fireExceptionCaught(new java.net.SocketException("Connection reset"));
        assertThat(ch.isActive()).isFalse();
    }

    /** A notice consumer whose Kafka consumer is never started; only its routing is used. */
    private static final class NoticeConsumerForTest {
        final NoticeConsumer consumer;

        NoticeConsumerForTest(TestGateway gw) {
            consumer = new NoticeConsumer("127.0.0.1:1", "vehicle.notices", "gw-test", gw.services.router(), gw.counters);
            consumer.close();
        }
    }
}
