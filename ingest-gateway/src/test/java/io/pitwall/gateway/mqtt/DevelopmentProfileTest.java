package io.pitwall.gateway.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.pitwall.gateway.config.Limits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** General publish/subscribe between clients under the insecure development profile. */
class DevelopmentProfileTest {

    @TempDir
    Path dir;
    private TestGateway gw;

    @BeforeEach
    void setUp() {
        gw = new TestGateway(dir, Limits.defaults(), 8, true);
    }

    private EmbeddedChannel client(String clientId) {
        return gw.connected(MqttMessageBuilders.connect().clientId(clientId).protocolVersion(MqttVersion.MQTT_5)
                .cleanSession(true).keepAlive(30).build());
    }

    private static MqttSubscribeMessage subscribe(int packetId, int subscriptionId, MqttTopicSubscription... subs) {
        MqttProperties props = new MqttProperties();
        if (subscriptionId > 0) {
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(),
                    subscriptionId));
        }
        return new MqttSubscribeMessage(new MqttFixedHeader(MqttMessageType.SUBSCRIBE, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, props), new MqttSubscribePayload(List.of(subs)));
    }

    private static MqttTopicSubscription sub(String filter, int qos, boolean noLocal, boolean retainAsPublished) {
        return new MqttTopicSubscription(filter, new MqttSubscriptionOption(MqttQoS.valueOf(qos), noLocal, retainAsPublished,
                MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE));
    }

    private static MqttPublishMessage publish(String topic, int qos, int packetId, String payload, boolean retain,
                                              MqttProperties props) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, packetId, props), Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    /** Every PUBLISH the channel has been sent, after running its pending tasks. */
    private static List<MqttPublishMessage> published(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<MqttPublishMessage> out = new ArrayList<>();
        Object m;
        while ((m = ch.readOutbound()) != null) {
            if (m instanceof MqttPublishMessage p) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void routesWithWildcardsOnceAtTheHighestQosWithEverySubscriptionIdentifier() {
        EmbeddedChannel subscriber = client("subscriber");
        subscriber.writeInbound(subscribe(1, 7, sub("sensors/+/temp", 0, false, false)));
        subscriber.writeInbound(subscribe(2, 9, sub("sensors/#", 1, false, false)));
        subscriber.writeInbound(subscribe(3, 0, sub("#", 1, false, false)));
        published(subscriber);
        EmbeddedChannel publisher = client("publisher");
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.RESPONSE_TOPIC.value(), "replies/1"));
        props.add(new MqttProperties.BinaryProperty(MqttProperties.MqttPropertyType.CORRELATION_DATA.value(), new byte[] {42}));
        props.add(new MqttProperties.UserProperty("trace", "abc"));
        publisher.writeInbound(publish("sensors/kitchen/temp", 1, 5, "21.5", false, props));
        publisher.writeInbound(publish("$SYS/uptime", 0, 0, "1", false, MqttProperties.NO_PROPERTIES));

        List<MqttPublishMessage> got = published(subscriber);
        assertThat(got).hasSize(1);
        MqttPublishMessage m = got.get(0);
        assertThat(m.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        MqttProperties p = m.variableHeader().properties();
        assertThat(p.getProperties(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value()))
                .extracting(x -> x.value()).containsExactlyInAnyOrder(7, 9);
        assertThat(p.getProperty(MqttProperties.MqttPropertyType.RESPONSE_TOPIC.value()).value()).isEqualTo("replies/1");
        assertThat((byte[]) p.getProperty(MqttProperties.MqttPropertyType.CORRELATION_DATA.value()).value()).containsExactly(42);
        assertThat(p.getProperty(MqttProperties.MqttPropertyType.USER_PROPERTY.value())).isNotNull();
        assertThat(gw.kafka.writes).as("routing only: nothing stored").isEmpty();
        got.forEach(MqttPublishMessage::release);
    }

    @Test
    void noLocalSkipsTheClientsOwnMessagesAndRetainAsPublishedKeepsTheFlag() {
        EmbeddedChannel a = client("a");
        a.writeInbound(subscribe(1, 0, sub("chat/#", 1, true, false)));
        EmbeddedChannel b = client("b");
        b.writeInbound(subscribe(1, 0, sub("chat/#", 1, false, true)));
        published(a);
        published(b);
        a.writeInbound(publish("chat/room", 1, 1, "hello", true, MqttProperties.NO_PROPERTIES));
        assertThat(published(a)).as("no-local").isEmpty();
        List<MqttPublishMessage> atB = published(b);
        assertThat(atB).hasSize(1);
        assertThat(atB.get(0).fixedHeader().isRetain()).as("retain as published").isTrue();
        atB.forEach(MqttPublishMessage::release);
    }

    @Test
    void retainedMessagesAreSetReplacedAndCleared() {
        EmbeddedChannel publisher = client("publisher");
        publisher.writeInbound(publish("lights/hall", 1, 1, "on", true, MqttProperties.NO_PROPERTIES));
        publisher.writeInbound(publish("lights/hall", 1, 2, "off", true, MqttProperties.NO_PROPERTIES));
        EmbeddedChannel late = client("late");
        late.writeInbound(subscribe(1, 0, sub("lights/+", 1, false, false)));
        List<MqttPublishMessage> got = published(late);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).payload().toString(StandardCharsets.UTF_8)).isEqualTo("off");
        assertThat(got.get(0).fixedHeader().isRetain()).isTrue();
        got.forEach(MqttPublishMessage::release);

        publisher.writeInbound(publish("lights/hall", 1, 3, "", true, MqttProperties.NO_PROPERTIES));
        EmbeddedChannel later = client("later");
        later.writeInbound(subscribe(1, 0, sub("lights/+", 1, false, false)));
        assertThat(published(later)).isEmpty();
    }

    @Test
    void acceptsTopicAliasesUpToTheAnnouncedMaximum() {
        EmbeddedChannel subscriber = client("subscriber");
        subscriber.writeInbound(subscribe(1, 0, sub("a/b", 0, false, false)));
        published(subscriber);
        EmbeddedChannel publisher = client("publisher");
        publisher.writeInbound(publish("a/b", 0, 0, "1", false, TestGateway.props(MqttProperties.MqttPropertyType.TOPIC_ALIAS, 3)));
        publisher.writeInbound(publish("", 0, 0, "2", false, TestGateway.props(MqttProperties.MqttPropertyType.TOPIC_ALIAS, 3)));
        List<MqttPublishMessage> got = published(subscriber);
        assertThat(got).extracting(m -> m.payload().toString(StandardCharsets.UTF_8)).containsExactly("1", "2");
        got.forEach(MqttPublishMessage::release);

        publisher.writeInbound(publish("a/b", 0, 0, "3", false, TestGateway.props(MqttProperties.MqttPropertyType.TOPIC_ALIAS, 17)));
        MqttMessage disconnect;
        do {
            disconnect = publisher.readOutbound();
        } while (disconnect != null && disconnect.fixedHeader().messageType() != MqttMessageType.DISCONNECT);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode()).isEqualTo((byte) 0x94);
    }

    @Test
    void assignsAClientIdToAnMqtt5ClientThatSentNone() {
        EmbeddedChannel ch = gw.channel();
        ch.writeInbound(MqttMessageBuilders.connect().clientId("").protocolVersion(MqttVersion.MQTT_5).cleanSession(true).build());
        MqttConnAckMessage ack = ch.readOutbound();
        assertThat(ack.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value()).value().toString())
                .startsWith("dev-");
    }

    @Test
    void vehicleTopicsStillGoToKafka() {
        EmbeddedChannel tool = client("mosquitto-pub");
        tool.writeInbound(publish(TestGateway.TELEMETRY, 1, 1, TestGateway.sample(1), false, MqttProperties.NO_PROPERTIES));
        assertThat(gw.kafka.writes).hasSize(1);
        assertThat(gw.kafka.writes.get(0).key()).isEqualTo(TestGateway.VIN);
    }

    @Test
    void expiredMessagesAreNotDeliveredFromTheOfflineQueue() {
        EmbeddedChannel sub = gw.connected(MqttMessageBuilders.connect().clientId("sleepy").protocolVersion(MqttVersion.MQTT_5)
                .cleanSession(false).properties(TestGateway.props(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL, 300))
                .build());
        sub.writeInbound(subscribe(1, 0, sub("news", 1, false, false)));
        sub.close();
        gw.services.router().route(null, new io.pitwall.gateway.session.OutboundMessage("news", new byte[] {1}, 1, false,
                System.currentTimeMillis() - 1));
        gw.services.router().route(null, new io.pitwall.gateway.session.OutboundMessage("news", new byte[] {2}, 1, false, 0));
        assertThat(gw.services.sessions().find("sleepy").queued()).isEqualTo(1);
        assertThat(gw.counters.get("outbound.dropped.expired")).isEqualTo(1);
    }
}
