package io.pitwall.gateway.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.pitwall.gateway.config.Limits;
import io.pitwall.gateway.session.OutboundMessage;
import io.pitwall.gateway.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.pitwall.gateway.mqtt.TestGateway.NOTICES;
import static io.pitwall.gateway.mqtt.TestGateway.VIN;
import static io.pitwall.gateway.mqtt.TestGateway.sent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gateway sends to subscribers: drops counted and logged sparingly, writability respected,
 * QoS 2 flows with redelivery, and topic aliases towards MQTT 5 clients.
 */
class OutboundDeliveryTest {

    @TempDir
    Path dir;

    private static MqttSubscribeMessage subscribe(int packetId, String filter, int qos) {
        return new MqttSubscribeMessage(new MqttFixedHeader(MqttMessageType.SUBSCRIBE, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubscribePayload(List.of(new MqttTopicSubscription(filter, new MqttSubscriptionOption(
                        MqttQoS.valueOf(qos), false, false, MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE)))));
    }

    private static MqttMessage reply(MqttMessageType type, int packetId, int reasonCode) {
        return new MqttMessage(new MqttFixedHeader(type, false,
                type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reasonCode, MqttProperties.NO_PROPERTIES));
    }

    private static MqttPublishMessage publish(String topic, int qos, int packetId, String payload) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, packetId, MqttProperties.NO_PROPERTIES),
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    /** Everything the channel has been sent, after running its pending tasks. */
    private static List<MqttPublishMessage> publishes(EmbeddedChannel ch) {
        List<MqttPublishMessage> out = new ArrayList<>();
        for (MqttMessage m : sent(ch)) {
            if (m instanceof MqttPublishMessage p) {
                out.add(p);
            }
        }
        return out;
    }

    private static int packetId(MqttMessage m) {
        return m instanceof MqttPublishMessage p ? p.variableHeader().packetId()
                : ((MqttPubReplyMessageVariableHeader) m.variableHeader()).messageId();
    }

    private static int reasonCode(MqttMessage m) {
        return ((MqttPubReplyMessageVariableHeader) m.variableHeader()).reasonCode() & 0xFF;
    }

    private static Integer alias(MqttPublishMessage p) {
        MqttProperties.MqttProperty<?> a = p.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value());
        return a == null ? null : (Integer) a.value();
    }

    private static OutboundMessage notice(String payload, int qos) {
        return new OutboundMessage(NOTICES, payload.getBytes(StandardCharsets.UTF_8), qos, false, 0);
    }

    /** A vehicle session subscribed to its notices at this QoS, connected with these CONNECT properties. */
    private static EmbeddedChannel subscribedVehicle(TestGateway gw, MqttVersion version, boolean clean,
                                                     MqttProperties props, int qos) {
        MqttMessageBuilders.ConnectBuilder connect = TestGateway.connectBuilder(version, TestGateway.SECRET, clean);
        if (props != null) {
            connect.properties(props);
        }
        EmbeddedChannel ch = gw.connected(connect.build());
        ch.writeInbound(subscribe(1, NOTICES, qos));
        MqttSubAckMessage ack = ch.readOutbound();
        assertThat(ack.payload().grantedQoSLevels()).containsExactly(qos);
        return ch;
    }

    private static MqttProperties persistentSession(int topicAliasMaximum) {
        MqttProperties p = TestGateway.props(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL, 300);
        if (topicAliasMaximum > 0) {
            p.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(),
                    topicAliasMaximum));
        }
        return p;
    }

    // --- 1. drops are counted by reason and logged at most once per interval ------------------------

    @Test
    void aFloodOfQueueDropsIsCountedAndLoggedOnceNamingTheLimit() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxQueuedMessages(2), 8);
        EmbeddedChannel ch = subscribedVehicle(gw, MqttVersion.MQTT_3_1_1, false, null, 1);
        ch.close();
        for (int i = 0; i < 1_000; i++) {
            gw.services.router().route(VIN, notice("n" + i, 1));
            gw.services.router().route(VIN, notice("q" + i, 0));
        }
        assertThat(gw.services.sessions().find(VIN).queued()).isEqualTo(2);
        assertThat(gw.counters.get("outbound.dropped.queue-full")).isEqualTo(998);
        assertThat(gw.counters.get("outbound.dropped.qos0-offline")).isEqualTo(1_000);
        assertThat(gw.dropLines).singleElement().asString()
                .contains(VIN).contains("queue-full").contains("--max-queued-messages").contains("= 2");

        gw.services.sessions().reportDrops(System.currentTimeMillis() + 10_001);
        assertThat(gw.dropLines).hasSize(2);
        assertThat(gw.dropLines.get(1)).contains("Dropped 997 more messages to " + VIN);
        gw.services.sessions().reportDrops(System.currentTimeMillis() + 20_002);
        assertThat(gw.dropLines).as("nothing new").hasSize(2);
    }

    // --- 2. writability ---------------------------------------------------------------------------

    @Test
    void messagesOfEveryQosWaitWhileTheSubscriberIsNotWritableAndGoOutInOrderWhenItIs() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel ch = subscribedVehicle(gw, MqttVersion.MQTT_5, true, null, 1);
        SessionState session = gw.services.sessions().find(VIN);

        // Queued while writable, but the socket fills before the pump runs.
        gw.services.router().route(VIN, notice("queued-qos0", 0));
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(ch.isWritable()).isFalse();
        gw.services.router().route(VIN, notice("late-qos0", 0));
        gw.services.router().route(VIN, notice("a", 1));
        gw.services.router().route(VIN, notice("b", 1));
        assertThat(sent(ch)).as("nothing written while not writable").isEmpty();
        assertThat(session.queued()).isEqualTo(4);

        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        List<MqttPublishMessage> delivered = publishes(ch);
        assertThat(delivered).extracting(p -> p.fixedHeader().qosLevel())
                .containsExactly(MqttQoS.AT_MOST_ONCE, MqttQoS.AT_MOST_ONCE, MqttQoS.AT_LEAST_ONCE, MqttQoS.AT_LEAST_ONCE);
        assertThat(session.queued()).isZero();
        assertThat(gw.counters.snapshot()).noneSatisfy((name, n) -> assertThat(name).startsWith("outbound.dropped"));
        assertThat(gw.dropLines).isEmpty();
    }

    @Test
    void aBurstOfOffersSharesOnePumpAndAnOfferAfterItIsNotLost() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel ch = subscribedVehicle(gw, MqttVersion.MQTT_5, true, null, 1);
        for (int i = 0; i < 5; i++) {
            gw.services.router().route(VIN, notice("n" + i, 0));
        }
        assertThat(publishes(ch)).hasSize(5);
        gw.services.router().route(VIN, notice("after", 0));
        assertThat(publishes(ch)).as("a later offer is not lost behind the first pump").hasSize(1);
    }

    // --- 5. QoS 2 to subscribers -------------------------------------------------------------------

    @Test
    void deliversAtQos2ThroughPubrecPubrelPubcomp() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8, true);
        EmbeddedChannel sub = gw.connected(MqttMessageBuilders.connect().clientId("sub").protocolVersion(MqttVersion.MQTT_5)
                .cleanSession(true).build());
        sub.writeInbound(subscribe(1, "a/b", 2));
        assertThat(((MqttSubAckMessage) sub.readOutbound()).payload().grantedQoSLevels()).containsExactly(2);
        EmbeddedChannel pub = gw.connected(MqttMessageBuilders.connect().clientId("pub").protocolVersion(MqttVersion.MQTT_5)
                .cleanSession(true).build());
        pub.writeInbound(publish("a/b", 2, 9, "x"));
        assertThat(sent(pub)).extracting(m -> m.fixedHeader().messageType()).containsExactly(MqttMessageType.PUBREC);

        List<MqttPublishMessage> got = publishes(sub);
        assertThat(got).singleElement().satisfies(p -> assertThat(p.fixedHeader().qosLevel()).isEqualTo(MqttQoS.EXACTLY_ONCE));
        int id = got.get(0).variableHeader().packetId();
        SessionState session = gw.services.sessions().find("sub");

        sub.writeInbound(reply(MqttMessageType.PUBREC, id, 0));
        MqttMessage pubRel = sub.readOutbound();
        assertThat(pubRel.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
        assertThat(pubRel.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(packetId(pubRel)).isEqualTo(id);
        assertThat(session.inFlightCount()).as("in flight until PUBCOMP").isEqualTo(1);

        sub.writeInbound(reply(MqttMessageType.PUBCOMP, id, 0));
        assertThat(session.inFlightCount()).isZero();
        assertThat(sub.isActive()).isTrue();

        sub.writeInbound(reply(MqttMessageType.PUBREC, 4242, 0));
        MqttMessage unknown = sub.readOutbound();
        assertThat(unknown.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
        assertThat(reasonCode(unknown)).as("packet identifier not found").isEqualTo(0x92);
    }

    @Test
    void aPubrecWithAFailureCodeEndsTheQos2Flow() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel ch = subscribedVehicle(gw, MqttVersion.MQTT_5, true, null, 2);
        gw.services.router().route(VIN, new OutboundMessage(NOTICES, new byte[] {1}, 2, false, 0));
        int id = publishes(ch).get(0).variableHeader().packetId();
        ch.writeInbound(reply(MqttMessageType.PUBREC, id, 0x80));
        assertThat(sent(ch)).as("no PUBREL").isEmpty();
        assertThat(gw.services.sessions().find(VIN).inFlightCount()).isZero();
        assertThat(gw.counters.get("outbound.qos2-refused-by-client")).isEqualTo(1);
    }

    @Test
    void aPersistentSessionGetsUnfinishedQos2MessagesAgainAfterReconnecting() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel first = subscribedVehicle(gw, MqttVersion.MQTT_5, false, persistentSession(0), 2);
        gw.services.router().route(VIN, new OutboundMessage(NOTICES, new byte[] {1}, 2, false, 0));
        gw.services.router().route(VIN, new OutboundMessage(NOTICES, new byte[] {2}, 2, false, 0));
        List<MqttPublishMessage> delivered = publishes(first);
        assertThat(delivered).hasSize(2);
        int received = delivered.get(0).variableHeader().packetId();
        int notReceived = delivered.get(1).variableHeader().packetId();
        first.writeInbound(reply(MqttMessageType.PUBREC, received, 0));
        assertThat(sent(first)).extracting(m -> m.fixedHeader().messageType()).containsExactly(MqttMessageType.PUBREL);
        first.close();

        EmbeddedChannel second = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_5, TestGateway.SECRET, false)
                .properties(persistentSession(0)).build());
        assertThat(gw.lastConnAck.variableHeader().isSessionPresent()).isTrue();
        List<MqttMessage> again = new ArrayList<>();
        second.runPendingTasks();
        for (Object m; (m = second.readOutbound()) != null; ) {
            again.add((MqttMessage) m);
        }
        assertThat(again).hasSize(2);
        assertThat(again.get(0).fixedHeader().messageType()).as("received by the client: PUBREL again")
                .isEqualTo(MqttMessageType.PUBREL);
        assertThat(packetId(again.get(0))).isEqualTo(received);
        MqttPublishMessage resent = (MqttPublishMessage) again.get(1);
        assertThat(resent.fixedHeader().isDup()).isTrue();
        assertThat(resent.fixedHeader().qosLevel()).isEqualTo(MqttQoS.EXACTLY_ONCE);
        assertThat(resent.variableHeader().packetId()).isEqualTo(notReceived);
        resent.release();
        assertThat(gw.counters.get("outbound.redelivered")).isEqualTo(2);

        second.writeInbound(reply(MqttMessageType.PUBCOMP, received, 0));
        second.writeInbound(reply(MqttMessageType.PUBREC, notReceived, 0));
        second.writeInbound(reply(MqttMessageType.PUBCOMP, notReceived, 0));
        assertThat(gw.services.sessions().find(VIN).inFlightCount()).isZero();
    }

    @Test
    void aQos2SubscriptionToNoticesIsGrantedButNoticesStayQos1() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel ch = subscribedVehicle(gw, MqttVersion.MQTT_3_1_1, true, null, 2);
        gw.services.router().route(VIN, notice("n", 1));
        assertThat(publishes(ch)).singleElement()
                .satisfies(p -> assertThat(p.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE));
    }

    // --- 5. topic aliases towards the client --------------------------------------------------------

    @Test
    void repeatedTopicsTravelAsAliasesWithinTheClientsMaximumAndNotAcrossConnections() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel first = subscribedVehicle(gw, MqttVersion.MQTT_5, false, persistentSession(1), 1);
        for (int i = 0; i < 3; i++) {
            gw.services.router().route(VIN, notice("n" + i, 1));
        }
        List<MqttPublishMessage> got = publishes(first);
        assertThat(got).extracting(p -> p.variableHeader().topicName()).containsExactly(NOTICES, NOTICES, "");
        assertThat(got).extracting(OutboundDeliveryTest::alias).containsExactly(null, 1, 1);
        assertThat(gw.counters.get("outbound.topic-alias-set")).isEqualTo(1);
        first.close();

        EmbeddedChannel second = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_5, TestGateway.SECRET, false)
                .properties(persistentSession(1)).build());
        List<MqttPublishMessage> resent = publishes(second);
        assertThat(resent).as("unacknowledged, sent again on the new connection").hasSize(3);
        assertThat(resent).extracting(p -> p.variableHeader().topicName())
                .as("aliases never carry over to a new connection").containsExactly(NOTICES, NOTICES, "");
        assertThat(resent).extracting(OutboundDeliveryTest::alias).containsExactly(null, 1, 1);
    }

    @Test
    void noAliasesForAClientThatAcceptsNone() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel ch = subscribedVehicle(gw, MqttVersion.MQTT_5, true, null, 1);
        for (int i = 0; i < 3; i++) {
            gw.services.router().route(VIN, notice("n" + i, 1));
        }
        assertThat(publishes(ch)).extracting(p -> p.variableHeader().topicName()).containsOnly(NOTICES);
    }
}
