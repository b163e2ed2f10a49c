package io.pitwall.gateway.mqtt;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.pitwall.gateway.config.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection handlers on an EmbeddedChannel, with a fake Kafka whose writes the test completes. */
class GatewayHandlersTest {

    private static final String VIN = TestGateway.VIN;
    private static final String OTHER_VIN = TestGateway.OTHER_VIN;
    private static final String TELEMETRY = TestGateway.TELEMETRY;

    @TempDir
    Path dir;
    private RecordingWriter kafka;
    private GatewayCounters counters;
    private TestGateway gateway;

    private EmbeddedChannel channel(int maxInFlight) {
        gateway = new TestGateway(dir, Limits.defaults(), maxInFlight);
        kafka = gateway.kafka;
        counters = gateway.counters;
        return gateway.channel();
    }

    private EmbeddedChannel connected(MqttVersion version, int maxInFlight) {
        channel(maxInFlight);
        return gateway.connected(version);
    }

    private static MqttMessage connect(MqttVersion version, String secret) {
        return TestGateway.connect(version, secret);
    }

    private static MqttMessage publish(String topic, int packetId, String payload) {
        return TestGateway.publish(topic, 1, packetId, payload);
    }

    private static String sample(long seq) {
        return TestGateway.sample(seq);
    }

    private static MqttPubReplyMessageVariableHeader ackHeader(MqttMessage ack) {
        assertThat(ack.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        return (MqttPubReplyMessageVariableHeader) ack.variableHeader();
    }

    @Test
    void acknowledgesOnlyAfterKafkaHasTheRecord() {
        EmbeddedChannel ch = connected(MqttVersion.MQTT_3_1_1, 8);
        ch.writeInbound(publish(TELEMETRY, 7, sample(1)));
        assertThat(kafka.writes).hasSize(1);
        assertThat(kafka.writes.get(0).topic()).isEqualTo("telemetry.raw");
        assertThat(kafka.writes.get(0).key()).isEqualTo(VIN);
        assertThat((Object) ch.readOutbound()).as("no PUBACK before Kafka acknowledged").isNull();

        kafka.writes.get(0).done().complete(null);
        ch.runPendingTasks();
        assertThat(ackHeader(ch.readOutbound()).messageId()).isEqualTo(7);
    }

    @Test
    void acknowledgesInArrivalOrderWhenKafkaConfirmsOutOfOrder() {
        EmbeddedChannel ch = connected(MqttVersion.MQTT_5, 8);
        ch.writeInbound(publish(TELEMETRY, 1, sample(1)));
        ch.writeInbound(publish(TELEMETRY, 2, "not json"));
        kafka.writes.get(1).done().complete(null);
        ch.runPendingTasks();
        assertThat((Object) ch.readOutbound()).isNull();

        kafka.writes.get(0).done().complete(null);
        ch.runPendingTasks();
        assertThat(ackHeader(ch.readOutbound()).messageId()).isEqualTo(1);
        assertThat(ackHeader(ch.readOutbound()).messageId()).isEqualTo(2);
    }

    @Test
    void rejectsPublishToAnotherVehiclesTopicWithNotAuthorizedInMqtt5() {
        EmbeddedChannel ch = connected(MqttVersion.MQTT_5, 8);
        ch.writeInbound(publish("v1/vehicles/" + OTHER_VIN + "/telemetry", 3, sample(1)));
        MqttPubReplyMessageVariableHeader ack = ackHeader(ch.readOutbound());
        assertThat(ack.reasonCode()).isEqualTo((byte) 0x87);
        assertThat(kafka.writes).isEmpty();
        assertThat(counters.get("refused.publish-not-authorized")).isEqualTo(1);
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void disconnectsMqtt311ClientPublishingToAnotherVehiclesTopic() {
        EmbeddedChannel ch = connected(MqttVersion.MQTT_3_1_1, 8);
        ch.writeInbound(publish("v1/vehicles/" + OTHER_VIN + "/telemetry", 3, sample(1)));
        assertThat((Object) ch.readOutbound()).as("3.1.1 has no negative PUBACK").isNull();
        assertThat(ch.isActive()).isFalse();
        assertThat(kafka.writes).isEmpty();
    }

    @Test
    void sendsInvalidPayloadToRejectedTopicWithItsReason() {
        EmbeddedChannel ch = connected(MqttVersion.MQTT_5, 8);
        String wrongVin = sample(1).replace(VIN, OTHER_VIN);
        ch.writeInbound(publish(TELEMETRY, 4, wrongVin));
        assertThat(kafka.writes).hasSize(1);
        assertThat(kafka.writes.get(0).topic()).isEqualTo("telemetry.rejected");
        assertThat(new String(kafka.writes.get(0).value(), StandardCharsets.UTF_8)).contains("vin-mismatch");
        kafka.writes.get(0).done().complete(null);
        ch.runPendingTasks();
        assertThat(ackHeader(ch.readOutbound()).reasonCode()).isEqualTo((byte) 0x99);
        assertThat(counters.get("rejected.vin-mismatch")).isEqualTo(1);
    }

    @Test
    void closesWithoutAcknowledgingWhenKafkaCannotStoreTheRecord() {
        EmbeddedChannel ch = connected(MqttVersion.MQTT_3_1_1, 8);
        ch.writeInbound(publish(TELEMETRY, 5, sample(1)));
        kafka.writes.get(0).done().completeExceptionally(new RuntimeException("broker down"));
        ch.runPendingTasks();
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.isActive()).isFalse();
        assertThat(counters.get("kafka.write-failed")).isEqualTo(1);
    }

    @Test
    void pausesReadingWhileTooManyPublishesAwaitKafka() {
        EmbeddedChannel ch = connected(MqttVersion.MQTT_3_1_1, 2);
        ch.writeInbound(publish(TELEMETRY, 1, sample(1)));
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.writeInbound(publish(TELEMETRY, 2, sample(2)));
        assertThat(ch.config().isAutoRead()).isFalse();
        kafka.writes.forEach(w -> w.done().complete(null));
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void refusesWrongSecret() {
        EmbeddedChannel ch = channel(8);
        ch.writeInbound(connect(MqttVersion.MQTT_3_1_1, "wrong"));
        ch.runPendingTasks();
        MqttConnAckMessage ack = ch.readOutbound();
        assertThat(ack.variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        assertThat(ch.isActive()).isFalse();
        assertThat(counters.get("refused.bad-credentials")).isEqualTo(1);
    }

    @Test
    void closesAConnectionWhoseFirstPacketIsNotConnect() {
        EmbeddedChannel ch = channel(8);
        ch.writeInbound(publish(TELEMETRY, 1, sample(1)));
        assertThat(ch.isActive()).isFalse();
        assertThat(kafka.writes).isEmpty();
    }
}
