package io.pitwall.simulators.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.simulators.fleet.DeviceSecrets;
import io.pitwall.simulators.mqtt.DeviceTransport;
import io.pitwall.simulators.mqtt.MqttProtocol;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One load connection: CONNECT (MQTT 3.1.1 or 5.0), then publishes at its share of the rate,
 * timing each QoS 1 publish to its PUBACK by packet id. Idle connections only keep alive, and
 * allocate nothing for publishing: what a connection holds is sized by what it does.
 */
final class LoadClient extends SimpleChannelInboundHandler<MqttMessage> {

    /** MQTT 5 reason codes from 0x80 up are failures. */
    private static final int FIRST_FAILURE_CODE = 0x80;
    private static final int MAX_BURST = 256;

    private final LoadRun run;
    private final int connection;
    private final boolean publisher;
    /** Called once, when the connection is up (CONNACK accepted) or has failed. */
    private final Runnable onSettled;
    private final String vin;
    private LoadTelemetry telemetry;
    private String topic;
    private MqttProperties publishProperties;
    private InflightWindow window;
    /** Mirror of the window's size for the thread that waits for the run to drain. */
    private volatile int inflight;
    private int serverReceiveMaximum = 65_535;
    private long seq = System.currentTimeMillis() * 1000;
    private double tokens;
    private long lastTick;
    private Channel channel;
    private boolean connected;
    private boolean settledOnce;
    private boolean closedByBroker;
    private ScheduledFuture<?> ticker;

    LoadClient(LoadRun run, int connection, boolean publisher, Runnable onSettled) {
        this.run = run;
        this.connection = connection;
        this.publisher = publisher;
        this.onSettled = onSettled;
        this.vin = run.options.vin(connection);
    }

    String vin() {
        return vin;
    }

    int inflight() {
        return inflight;
    }

    @Override
    public boolean isSharable() {
        return false;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        LoadOptions options = run.options;
        int index = options.vehicleIndex(connection);
        String user = LoadOptions.expand(options.usernameTemplate(), vin, index);
        boolean v5 = options.transport().protocol() == MqttProtocol.V5;
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .clientId(LoadOptions.expand(options.clientIdTemplate(), vin, index))
                .protocolVersion(v5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1)
                .cleanSession(true).keepAlive(options.keepAliveSeconds());
        if (user != null) {
            String password = options.password() != null ? options.password() : DeviceSecrets.secretFor(options.seed(), vin);
            connect.hasUser(true).username(user).hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
        }
        ctx.writeAndFlush(connect.build());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
        MqttMessageType type = msg.fixedHeader().messageType();
        if (type == MqttMessageType.CONNACK) {
            onConnAck(ctx, (MqttConnAckMessage) msg);
        } else if (type == MqttMessageType.PUBACK) {
            onPubAck(msg);
        } else if (type == MqttMessageType.DISCONNECT && msg.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h) {
            // MQTT 5: the broker says why it closes; keep that rather than a bare "closed".
            closedByBroker = true;
            if (!run.stopping) {
                run.errors.incrementAndGet();
                run.failure(String.format("disconnected by the broker: reason 0x%02X", h.reasonCode() & 0xFF));
            }
        }
    }

    private void onConnAck(ChannelHandlerContext ctx, MqttConnAckMessage ack) {
        MqttConnectReturnCode code = ack.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            fail("refused: " + code);
            ctx.close();
            return;
        }
        MqttProperties.MqttProperty<?> receiveMaximum = ack.variableHeader().properties()
                .getProperty(MqttProperties.RECEIVE_MAXIMUM);
        if (receiveMaximum != null && receiveMaximum.value() instanceof Integer max && max > 0) {
            serverReceiveMaximum = max;
        }
        connected = true;
        run.opened.incrementAndGet();
        settle();
    }

    private void onPubAck(MqttMessage msg) {
        int id = ((MqttMessageIdVariableHeader) msg.variableHeader()).messageId();
        long sent = window == null ? InflightWindow.NOT_IN_FLIGHT : window.release(id);
        if (sent == InflightWindow.NOT_IN_FLIGHT) {
            return;
        }
        inflight = window.size();
        if (msg.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply && (reply.reasonCode() & 0xFF) >= FIRST_FAILURE_CODE) {
            run.errors.incrementAndGet();
        } else {
            run.acknowledged(sent);
        }
        if (run.options.ratePerSecond() == 0) {
            sendAvailable();
        }
    }

    void fail(String reason) {
        if (!settledOnce) {
            run.failed.incrementAndGet();
            run.failure(reason);
            settle();
        }
    }

    private void settle() {
        if (!settledOnce) {
            settledOnce = true;
            onSettled.run();
        }
    }

    void startPublishing() {
        if (!publisher || channel == null) {
            return;
        }
        channel.eventLoop().execute(() -> {
            if (!connected) {
                return;
            }
            prepare();
            lastTick = System.nanoTime();
            LoadOptions options = run.options;
            double perConnection = options.ratePerSecond() / Math.max(1, options.connections());
            long periodMicros = options.ratePerSecond() == 0 ? 5_000
                    : Math.max(5_000, Math.min(1_000_000, (long) (1e6 / Math.max(perConnection, 1e-3))));
            ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
        });
    }

    /** What only a publishing connection needs, made when it starts publishing. */
    private void prepare() {
        LoadOptions options = run.options;
        DeviceTransport transport = options.transport();
        int index = options.vehicleIndex(connection);
        telemetry = new LoadTelemetry(vin, index, options.signals(), transport.payload());
        topic = transport.telemetryTopic(LoadOptions.expand(options.topicTemplate(), vin, index));
        String contentType = transport.contentType(transport.payload());
        if (contentType != null) {
            publishProperties = new MqttProperties();
            publishProperties.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, contentType));
        }
        if (options.qos() == 1) {
            window = new InflightWindow(Math.min(options.inflightPerConnection(), serverReceiveMaximum));
        }
    }

    private void tick() {
        if (!run.publishing() || !channel.isActive()) {
            ticker.cancel(false);
            return;
        }
        if (run.options.ratePerSecond() == 0) {
            sendAvailable();
            return;
        }
        long now = System.nanoTime();
        double perConnection = run.options.ratePerSecond() / Math.max(1, run.options.connections());
        tokens = Math.min(tokens + perConnection * (now - lastTick) / 1e9, Math.max(2, perConnection));
        lastTick = now;
        boolean wrote = false;
        while (tokens >= 1 && canSend() && publishOne()) {
            tokens--;
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void sendAvailable() {
        if (!run.publishing()) {
            return;
        }
        boolean wrote = false;
        for (int burst = 0; burst < MAX_BURST && canSend() && channel.isWritable() && publishOne(); burst++) {
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private boolean canSend() {
        if (run.limitReached() || !connected || telemetry == null) {
            return false;
        }
        return window == null || !window.isFull();
    }

    /** Sends one publish; false if the run's message limit was reached meanwhile. */
    private boolean publishOne() {
        if (!run.countPublish()) {
            return false;
        }
        byte[] payload = telemetry.encode(++seq, System.currentTimeMillis());
        MqttMessageBuilders.PublishBuilder publish = MqttMessageBuilders.publish().topicName(topic).retained(false)
                .payload(Unpooled.wrappedBuffer(payload));
        if (publishProperties != null) {
            publish.properties(publishProperties);
        }
        if (window != null) {
            publish.qos(MqttQoS.AT_LEAST_ONCE).messageId(window.acquire(System.nanoTime()));
            inflight = window.size();
        } else {
            publish.qos(MqttQoS.AT_MOST_ONCE);
        }
        channel.write(publish.build()).addListener(f -> {
            if (!f.isSuccess() && !run.stopping) {
                run.errors.incrementAndGet();
            }
        });
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
            ctx.writeAndFlush(MqttMessage.PINGREQ);
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!settledOnce) {
            fail("closed before CONNACK");
        } else if (!run.stopping && !closedByBroker) {
            run.errors.incrementAndGet();
            run.failure("connection closed by the broker during the run");
        }
        if (!run.stopping && inflight > 0) {
            run.errors.addAndGet(inflight);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!settledOnce) {
            fail("error: " + LoadGenerator.rootMessage(cause));
        }
        ctx.close();
    }

    void disconnect() {
        if (channel != null && channel.isActive()) {
            channel.eventLoop().execute(() -> {
                if (ticker != null) {
                    ticker.cancel(false);
                }
                channel.writeAndFlush(MqttMessage.DISCONNECT).addListener(f -> channel.close());
            });
        }
    }
}
