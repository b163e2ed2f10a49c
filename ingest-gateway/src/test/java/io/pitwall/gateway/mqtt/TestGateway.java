package io.pitwall.gateway.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.config.Limits;
import io.pitwall.gateway.session.Router;
import io.pitwall.gateway.session.SessionStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's shared services around a fake Kafka, and connections to it on EmbeddedChannels. */
final class TestGateway {

    static final String VIN = "LSVAU2180N2183294";
    static final String OTHER_VIN = "LSVAU2180N2183295";
    static final String SECRET = "secret-1";
    static final String TELEMETRY = "v1/vehicles/" + VIN + "/telemetry";
    static final String STATUS = "v1/vehicles/" + VIN + "/status";
    static final String NOTICES = "v1/vehicles/" + VIN + "/notices";

    final RecordingWriter kafka = new RecordingWriter();
    final GatewayCounters counters = new GatewayCounters();
    /** The lines the sessions logged about dropped outbound messages. */
    final List<String> dropLines = new ArrayList<>();
    final GatewayServices services;
    final ConnectionLimiter limiter;

    TestGateway(Path dir, Limits limits, int maxInFlight) {
        this(dir, limits, maxInFlight, false);
    }

    TestGateway(Path dir, Limits limits, int maxInFlight, boolean development) {
        DeviceRegistry registry = new DeviceRegistry(dir.resolve("devices.json"), new SecretHasher(1024, 1, 1));
        registry.register(VIN, SECRET);
        GatewayConfig config = GatewayConfig.builder().kafkaBootstrap("unused:9092").deviceRegistry(dir)
                .gatewayId("gw-test").maxPacketBytes(65_536).maxInFlightPerConnection(maxInFlight).limits(limits).developmentProfile(development).build();
        InboundRecordFactory records = new InboundRecordFactory(ContractLimits.defaults(), Clock.systemUTC(), "gw-test");
        SessionStore sessions = new SessionStore(limits.maxQueuedMessages(), counters, dropLines::add);
        Router router = new Router(sessions, development);
        Ingest ingest = new Ingest(records, kafka, "telemetry.raw", "telemetry.rejected", counters);
        limiter = new ConnectionLimiter(limits.maxConnections(), limits.maxConnectsPerIpPerSecond(), counters);
        services = new GatewayServices(config, registry, Runnable::run, ingest, sessions, router,
                new Wills(ingest, router, counters), new Backpressure(limits.maxInFlightTotal(), maxInFlight, kafka::backlogged, counters),
                limiter, counters, new AtomicInteger());
    }

    EmbeddedChannel channel() {
        // Handlers go in before registration, so channelActive reaches the connection limiter.
        return new EmbeddedChannel(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(PipelineNames.CONNECTION_LIMITS, limiter);
                ch.pipeline().addLast(PipelineNames.IDLE, new IdleStateHandler(10, 0, 0));
                ch.pipeline().addLast(PipelineNames.CONNECT, new ConnectHandler(services));
                ch.pipeline().addLast(PipelineNames.PUBLISH, new PublishHandler(services));
                ch.pipeline().addLast(PipelineNames.SESSION_CONTROL, new SessionControlHandler(services));
                ch.pipeline().addLast(PipelineNames.EXCEPTIONS, new EdgeExceptionHandler(counters));
            }
        });
    }

    /** Connects and returns the channel; the CONNACK is checked and consumed. */
    EmbeddedChannel connected(MqttMessage connect) {
        EmbeddedChannel ch = channel();
        ch.writeInbound(connect);
        ch.runPendingTasks();
        MqttConnAckMessage ack = ch.readOutbound();
        assertThat(ack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        lastConnAck = ack;
        return ch;
    }

    MqttConnAckMessage lastConnAck;

    EmbeddedChannel connected(MqttVersion version) {
        return connected(connect(version, SECRET));
    }

    static MqttMessage connect(MqttVersion version, String secret) {
        return connectBuilder(version, secret, true).build();
    }

    static MqttMessageBuilders.ConnectBuilder connectBuilder(MqttVersion version, String secret, boolean clean) {
        return MqttMessageBuilders.connect().clientId(VIN).username(VIN)
                .password(secret.getBytes(StandardCharsets.UTF_8)).protocolVersion(version)
                .keepAlive(30).cleanSession(clean);
    }

    static MqttProperties props(MqttProperties.MqttPropertyType type, int value) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.IntegerProperty(type.value(), value));
        return p;
    }

    static MqttMessage publish(String topic, int qos, int packetId, String payload) {
        return publish(topic, qos, packetId, payload, false);
    }

    static MqttMessage publish(String topic, int qos, int packetId, String payload, boolean retain) {
        return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(packetId)
                .retained(retain).payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
    }

    /**
     * What the gateway wrote to the channel since the last call, once the tasks queued on its event
     * loop (deliveries to subscribers) have run. PUBLISH payloads are released: tests read headers.
     */
    static List<MqttMessage> sent(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<MqttMessage> out = new ArrayList<>();
        for (Object m; (m = ch.readOutbound()) != null; ) {
            out.add((MqttMessage) m);
            if (m instanceof MqttPublishMessage p) {
                p.release();
            }
        }
        return out;
    }

    static String sample(long seq) {
        return "{\"vin\":\"" + VIN + "\",\"seq\":" + seq + ",\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":63.5}}";
    }

    void completeAll() {
        kafka.writes.forEach(w -> w.done().complete(null));
    }
}
