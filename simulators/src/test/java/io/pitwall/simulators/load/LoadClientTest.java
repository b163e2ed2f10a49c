package io.pitwall.simulators.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.contracts.telemetry.TelemetryDecoder;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import io.pitwall.simulators.fleet.VinFactory;
import io.pitwall.simulators.mqtt.DeviceTransport;
import io.pitwall.simulators.mqtt.MqttProtocol;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One load connection against a scripted broker, no sockets: the bytes on the wire in both MQTT versions. */
class LoadClientTest {

    private static final long SEED = 5;
    private static final int FIRST_VEHICLE = 40;

    private static LoadRun run(MqttProtocol protocol, PayloadFormat payload, int inflight) {
        LoadOptions options = new LoadOptions("127.0.0.1", 1883, 1, 0, List.of(), 0, 1, inflight, Duration.ofSeconds(30), 0, SEED,
                "v1/vehicles/{vin}/telemetry", "{vin}", "{vin}", null, 3, 60, Duration.ofSeconds(10), FIRST_VEHICLE,
                new DeviceTransport(protocol, payload, null));
        return new LoadRun(options, null);
    }

    /** Moves what one side wrote to the other and returns what the other decoded (the broker's view). */
    private static List<MqttMessage> relay(EmbeddedChannel from, EmbeddedChannel to) {
        for (ByteBuf bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
            to.writeInbound(bytes);
        }
        List<MqttMessage> decoded = new ArrayList<>();
        for (Object m = to.readInbound(); m != null; m = to.readInbound()) {
            decoded.add((MqttMessage) m);
        }
        return decoded;
    }

    private static EmbeddedChannel broker() {
        return new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE);
    }

    private static List<MqttPublishMessage> publishes(List<MqttMessage> messages) {
        assertThat(messages).allMatch(m -> m.fixedHeader().messageType() == MqttMessageType.PUBLISH);
        return messages.stream().map(MqttPublishMessage.class::cast).toList();
    }

    @Test
    void mqtt5CborPublishesSayApplicationCborStayInTheReceiveMaximumAndAreTimedToTheirPubAck() {
        LoadRun run = run(MqttProtocol.V5, PayloadFormat.CBOR, 100);
        CountDownLatch settled = new CountDownLatch(1);
        LoadClient client = new LoadClient(run, 0, true, settled::countDown);
        EmbeddedChannel device = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder(), client);
        EmbeddedChannel broker = broker();
        String vin = VinFactory.vin(SEED, FIRST_VEHICLE);

        MqttConnectMessage connect = (MqttConnectMessage) relay(device, broker).get(0);
        assertThat(connect.variableHeader().version()).isEqualTo(5);
        assertThat(connect.payload().clientIdentifier()).isEqualTo(vin);
        assertThat(connect.payload().userName()).isEqualTo(vin);

        MqttProperties receiveMaximum = new MqttProperties();
        receiveMaximum.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 4));
        broker.writeOutbound(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .properties(receiveMaximum).build());
        relay(broker, device);
        assertThat(settled.getCount()).isZero();
        assertThat(run.opened.get()).isEqualTo(1);

        run.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        client.startPublishing();
        device.runPendingTasks();
        List<MqttPublishMessage> first = publishes(relay(device, broker));
        assertThat(first).as("the broker's receive maximum caps the window of 100").hasSize(4);
        TelemetryDecoder decoder = new TelemetryDecoder(ContractLimits.defaults(), Clock.systemUTC());
        Set<Integer> ids = new HashSet<>();
        for (MqttPublishMessage p : first) {
            assertThat(p.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
            String contentType = (String) p.variableHeader().properties()
                    .getProperty(MqttProperties.CONTENT_TYPE).value();
            assertThat(contentType).isEqualTo("application/cbor");
            VehicleTopic topic = VehicleTopic.parse(p.variableHeader().topicName());
            assertThat(topic.channel()).isEqualTo(VehicleTopic.Channel.TELEMETRY);
            TelemetryMessage decoded = decoder.decode(vin, ByteBufUtil.getBytes(p.payload()), topic.payloadFormat(contentType));
            assertThat(decoded.samples()).hasSize(1);
            assertThat(decoded.samples().get(0).signals()).hasSize(3);
            ids.add(p.variableHeader().packetId());
            p.release();
        }
        assertThat(ids).hasSize(4);
        assertThat(client.inflight()).isEqualTo(4);

        List<Integer> open = new ArrayList<>(ids);
        broker.writeOutbound(MqttMessageBuilders.pubAck().packetId(open.get(0)).reasonCode((byte) 0).build());
        broker.writeOutbound(MqttMessageBuilders.pubAck().packetId(open.get(1)).reasonCode((byte) 0x87).build());
        relay(broker, device);
        assertThat(run.acknowledged.get()).isEqualTo(1);
        assertThat(run.latencyMicros.getTotalCount()).isEqualTo(1);
        assertThat(run.errors.get()).as("a PUBACK with a failure reason code is an error, not an acknowledgement").isEqualTo(1);
        List<MqttPublishMessage> refill = publishes(relay(device, broker));
        assertThat(refill).as("freed places are refilled at rate 0").hasSize(2)
                .allSatisfy(p -> assertThat(ids).doesNotContain(p.variableHeader().packetId()));
        refill.forEach(MqttPublishMessage::release);

        broker.writeOutbound(MqttMessageBuilders.pubAck().packetId(open.get(0)).reasonCode((byte) 0).build());
        relay(broker, device);
        assertThat(run.acknowledged.get()).as("a duplicate PUBACK counts once").isEqualTo(1);
        device.finishAndReleaseAll();
        broker.finishAndReleaseAll();
    }

    @Test
    void mqtt311CborGoesToTheCborTopicWithoutProperties() {
        LoadRun run = run(MqttProtocol.V3_1_1, PayloadFormat.CBOR, 2);
        LoadClient client = new LoadClient(run, 0, true, () -> { });
        EmbeddedChannel device = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder(), client);
        EmbeddedChannel broker = broker();

        MqttConnectMessage connect = (MqttConnectMessage) relay(device, broker).get(0);
        assertThat(connect.variableHeader().version()).isEqualTo(4);
        broker.writeOutbound(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).build());
        relay(broker, device);
        run.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        client.startPublishing();
        device.runPendingTasks();
        List<MqttPublishMessage> sent = publishes(relay(device, broker));
        assertThat(sent).hasSize(2).allSatisfy(p -> {
            assertThat(p.variableHeader().topicName()).endsWith("/telemetry/cbor");
            assertThat(VehicleTopic.parse(p.variableHeader().topicName()).payloadFormat(null)).isEqualTo(PayloadFormat.CBOR);
            assertThat(p.variableHeader().properties().isEmpty()).isTrue();
            p.release();
        });
        device.finishAndReleaseAll();
        broker.finishAndReleaseAll();
    }

    @Test
    void aRefusedConnectIsReportedWithItsReason() {
        LoadRun run = run(MqttProtocol.V5, PayloadFormat.JSON, 10);
        CountDownLatch settled = new CountDownLatch(1);
        LoadClient client = new LoadClient(run, 0, true, settled::countDown);
        EmbeddedChannel device = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder(), client);
        EmbeddedChannel broker = broker();
        relay(device, broker);
        broker.writeOutbound(MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD).build());
        relay(broker, device);
        assertThat(settled.getCount()).isZero();
        assertThat(run.failed.get()).isEqualTo(1);
        assertThat(run.failures).containsKey("refused: CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD");
        assertThat(device.isActive()).isFalse();
        broker.finishAndReleaseAll();
    }
}
