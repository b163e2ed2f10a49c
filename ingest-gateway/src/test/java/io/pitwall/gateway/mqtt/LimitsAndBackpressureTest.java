package io.pitwall.gateway.mqtt;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.pitwall.gateway.config.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.pitwall.gateway.mqtt.TestGateway.TELEMETRY;
import static io.pitwall.gateway.mqtt.TestGateway.publish;
import static io.pitwall.gateway.mqtt.TestGateway.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** Each limit is answered with its reason code and counted; backpressure pauses and resumes reading. */
class LimitsAndBackpressureTest {

    @TempDir
    Path dir;

    private static byte disconnectReason(EmbeddedChannel ch) {
        MqttMessage m;
        do {
            m = ch.readOutbound();
        } while (m != null && m.fixedHeader().messageType() != MqttMessageType.DISCONNECT);
        assertThat(m).as("a DISCONNECT was sent").isNotNull();
        return ((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode();
    }

    @Test
    void refusesConnectionsBeyondTheLimitWithServerBusyAndKeepsServingTheOthers() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxConnections(1), 8);
        EmbeddedChannel first = gw.connected(MqttVersion.MQTT_5);
        EmbeddedChannel second = gw.channel();
        second.writeInbound(TestGateway.connect(MqttVersion.MQTT_5, TestGateway.SECRET));
        MqttConnAckMessage ack = second.readOutbound();
        assertThat(ack.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x89);
        assertThat(second.isActive()).isFalse();
        assertThat(gw.counters.get("refused.limit.connections")).isEqualTo(1);

        first.writeInbound(publish(TELEMETRY, 1, 1, sample(1)));
        gw.completeAll();
        first.runPendingTasks();
        assertThat(((MqttMessage) first.readOutbound()).fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
    }

    @Test
    void mqtt311ClientOverTheConnectionLimitGetsServerUnavailable() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxConnections(1), 8);
        gw.connected(MqttVersion.MQTT_3_1_1);
        EmbeddedChannel second = gw.channel();
        second.writeInbound(TestGateway.connect(MqttVersion.MQTT_3_1_1, TestGateway.SECRET));
        MqttConnAckMessage ack = second.readOutbound();
        assertThat(ack.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x03);
    }

    @Test
    void disconnectsAClientPublishingFasterThanItsRate() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxPublishesPerSecond(2), 8);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        for (int i = 1; i <= 3; i++) {
            ch.writeInbound(publish(TELEMETRY, 0, 0, sample(i)));
        }
        assertThat(disconnectReason(ch)).isEqualTo((byte) 0x96);
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.counters.get("disconnect.message_rate_too_high")).isEqualTo(1);
    }

    @Test
    void disconnectsAClientSendingMoreBytesThanItsQuota() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxPublishBytesPerSecond(1024), 8);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        String big = "x".repeat(1500);
        ch.writeInbound(publish(TELEMETRY, 0, 0, big));
        assertThat(disconnectReason(ch)).isEqualTo((byte) 0x97);
    }

    @Test
    void refusesAPublishWithAnEmptyTopicAndNoAlias() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        ch.writeInbound(publish("", 1, 1, sample(1)));
        assertThat(disconnectReason(ch)).isEqualTo((byte) 0x82);
    }

    @Test
    void globalInFlightBoundPausesEveryWritingConnectionUntilKafkaDrains() {
        TestGateway gw = new TestGateway(dir, Limits.defaults().withMaxInFlightTotal(2), 8);
        EmbeddedChannel a = gw.connected(MqttVersion.MQTT_3_1_1);
        EmbeddedChannel b = gw.connected(TestGateway.connectBuilder(MqttVersion.MQTT_3_1_1, TestGateway.SECRET, true)
                .clientId(TestGateway.VIN + ":dongle").build());
        a.writeInbound(publish(TELEMETRY, 1, 1, sample(1)));
        assertThat(a.config().isAutoRead()).isTrue();
        b.writeInbound(publish(TELEMETRY, 1, 1, sample(2)));
        assertThat(b.config().isAutoRead()).as("global bound reached").isFalse();
        assertThat(gw.services.backpressure().inFlight()).isEqualTo(2);

        gw.completeAll();
        a.runPendingTasks();
        b.runPendingTasks();
        assertThat(b.config().isAutoRead()).isTrue();
        assertThat(gw.services.backpressure().inFlight()).isZero();
        assertThat(gw.services.backpressure().pausedConnections()).isZero();
        assertThat(gw.counters.backpressureSeconds()).isPositive();
    }

    @Test
    void kafkaFailureReleasesTheInFlightBudget() {
        TestGateway gw = new TestGateway(dir, Limits.defaults(), 8);
        EmbeddedChannel ch = gw.connected(MqttVersion.MQTT_5);
        ch.writeInbound(publish(TELEMETRY, 1, 1, sample(1)));
        gw.kafka.writes.get(0).done().completeExceptionally(new RuntimeException("down"));
        ch.runPendingTasks();
        assertThat(disconnectReason(ch)).isEqualTo((byte) 0x89);
        assertThat(gw.services.backpressure().inFlight()).isZero();
    }
}
