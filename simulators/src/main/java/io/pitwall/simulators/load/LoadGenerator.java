package io.pitwall.simulators.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.simulators.fleet.DeviceSecrets;
import io.pitwall.simulators.fleet.VinFactory;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An MQTT 3.1.1 load generator on Netty: many connections from several source addresses, each
 * publishing valid telemetry at its share of a target rate (or as fast as its in-flight window
 * allows), measuring publish -> PUBACK latency in an HdrHistogram. It stops by itself after the
 * duration or message count, disconnects and reports.
 */
public final class LoadGenerator {

    private static final String[] SIGNALS = {"Vehicle.Speed", "Vehicle.Powertrain.CombustionEngine.Speed",
        "Vehicle.Powertrain.CombustionEngine.ECT", "Vehicle.OBD.EngineLoad", "Vehicle.OBD.ThrottlePosition",
        "Vehicle.LowVoltageBattery.CurrentVoltage", "Vehicle.OBD.FuelLevel", "Vehicle.TraveledDistance",
        "Vehicle.Acceleration.Longitudinal", "Vehicle.Exterior.AirTemperature"};

    private final LoadOptions options;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
    private final List<Client> clients = new ArrayList<>();
    private volatile boolean stopping;
    private volatile long deadlineNanos;

    private LoadGenerator(LoadOptions options) {
        this.options = options;
    }

    /** Runs the load; {@code progress} gets a line about once a second. */
    public static LoadReport run(LoadOptions options, Consumer<String> progress) throws InterruptedException {
        return new LoadGenerator(options).execute(progress);
    }

    private LoadReport execute(Consumer<String> progress) throws InterruptedException {
        int total = options.connections() + options.idleConnections();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        CountDownLatch settled = new CountDownLatch(total);
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
            Semaphore connecting = new Semaphore(256);
            InetSocketAddress remote = new InetSocketAddress(options.host(), options.port());
            long connectDeadline = System.nanoTime() + options.connectTimeout().toNanos();
            for (int i = 0; i < total; i++) {
                if (!connecting.tryAcquire(Math.max(1, connectDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                Client client = new Client(i, i < options.connections(), settled);
                clients.add(client);
                Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("encoder", MqttEncoder.INSTANCE)
                                .addLast("decoder", new MqttDecoder(64 * 1024))
                                .addLast("keepAlive", new IdleStateHandler(0, Math.max(1, options.keepAliveSeconds() / 2), 0))
                                .addLast("client", client);
                    }
                });
                ChannelFuture future = options.sourceAddresses().isEmpty() ? b.connect(remote)
                        : b.connect(remote, new InetSocketAddress(options.sourceAddresses().get(i % options.sourceAddresses().size()), 0));
                future.addListener(f -> {
                    connecting.release();
                    if (!f.isSuccess()) {
                        client.fail("connect: " + rootMessage(f.cause()));
                    }
                });
                if (i % 1000 == 999) {
                    progress.accept(String.format("connecting %d/%d (%d up, %d failed)", i + 1, total, opened.get(), failed.get()));
                }
            }
            for (int missing = total - clients.size(); missing > 0; missing--) {
                failed.incrementAndGet();
                failures.merge("not attempted before --connect-timeout", 1, Integer::sum);
                settled.countDown();
            }
            settled.await(Math.max(1, connectDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            progress.accept(String.format("connections: %d up, %d failed", opened.get(), failed.get()));

            long start = System.nanoTime();
            deadlineNanos = start + options.duration().toNanos();
            for (Client client : clients) {
                client.startPublishing();
            }
            long lastAcked = 0;
            long lastPrint = start;
            while (System.nanoTime() < deadlineNanos && !limitReached()) {
                Thread.sleep(100);
                long now = System.nanoTime();
                if (now - lastPrint >= 1_000_000_000L) {
                    long acked = acknowledged.get();
                    progress.accept(String.format("connections %d | sent %d | acknowledged %d (%.0f/s) | errors %d | p99 %.2f ms",
                            opened.get(), published.get(), acked, (acked - lastAcked) / ((now - lastPrint) / 1e9), errors.get(),
                            latency.getValueAtPercentile(99) / 1000.0));
                    lastAcked = acked;
                    lastPrint = now;
                }
            }
            stopping = true;
            double seconds = (System.nanoTime() - start) / 1e9;
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (inflight() > 0 && System.nanoTime() < drainUntil) {
                Thread.sleep(50);
            }
            long unacknowledged = inflight();
            for (Client client : clients) {
                client.disconnect();
            }
            return new LoadReport(opened.get(), failed.get(), new TreeMap<>(failures), published.get(), acknowledged.get(),
                    errors.get(), unacknowledged, seconds, latency.copy());
        } finally {
            stopping = true;
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private boolean limitReached() {
        return options.maxMessages() > 0 && published.get() >= options.maxMessages();
    }

    private long inflight() {
        long n = 0;
        for (Client c : clients) {
            n += c.inflight;
        }
        return n;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }

    /** One connection: CONNECT, then publishes at its share of the rate, recording PUBACK latency. */
    private final class Client extends SimpleChannelInboundHandler<MqttMessage> {
        private final int index;
        private final boolean publisher;
        private final CountDownLatch settled;
        private final String vin;
        private final String topic;
        private final String signalsJson;
        private final long[] sentAt = new long[65_536];
        private volatile int inflight;
        private int nextId = 1;
        private long seq = System.currentTimeMillis() * 1000;
        private double tokens;
        private long lastTick;
        private Channel channel;
        private boolean connected;
        private boolean settledOnce;
        private ScheduledFuture<?> ticker;

        Client(int index, boolean publisher, CountDownLatch settled) {
            this.index = index;
            this.publisher = publisher;
            this.settled = settled;
            this.vin = VinFactory.vin(options.seed(), index);
            this.topic = LoadOptions.expand(options.topicTemplate(), vin, index);
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < options.signals(); k++) {
                String path = k < SIGNALS.length ? SIGNALS[k] : "Vehicle.Custom.Load" + k;
                s.append(k == 0 ? "" : ",").append('"').append(path).append("\":").append(10 + (index + k) % 90).append(".5");
            }
            this.signalsJson = s.toString();
        }

        @Override
        public boolean isSharable() {
            return false;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            String user = LoadOptions.expand(options.usernameTemplate(), vin, index);
            MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                    .clientId(LoadOptions.expand(options.clientIdTemplate(), vin, index))
                    .protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).keepAlive(options.keepAliveSeconds());
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
                MqttConnectReturnCode code = ((MqttConnAckMessage) msg).variableHeader().connectReturnCode();
                if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                    connected = true;
                    opened.incrementAndGet();
                    settle();
                } else {
                    fail("refused: " + code);
                    ctx.close();
                }
            } else if (type == MqttMessageType.PUBACK) {
                int id = ((MqttMessageIdVariableHeader) msg.variableHeader()).messageId();
                long sent = sentAt[id];
                if (sent != 0) {
                    sentAt[id] = 0;
                    inflight--;
                    acknowledged.incrementAndGet();
                    latency.recordValue(Math.min(60_000_000L, Math.max(0, (System.nanoTime() - sent) / 1000)));
                    if (options.ratePerSecond() == 0) {
                        sendAvailable();
                    }
                }
            }
        }

        void fail(String reason) {
            if (!settledOnce) {
                failed.incrementAndGet();
                failures.merge(reason, 1, Integer::sum);
                settle();
            }
        }

        private void settle() {
            if (!settledOnce) {
                settledOnce = true;
                settled.countDown();
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
                lastTick = System.nanoTime();
                double perConnection = options.ratePerSecond() / Math.max(1, options.connections());
                long periodMicros = options.ratePerSecond() == 0 ? 5_000
                        : Math.max(5_000, Math.min(1_000_000, (long) (1e6 / Math.max(perConnection, 1e-3))));
                ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
            });
        }

        private void tick() {
            if (stopping || System.nanoTime() >= deadlineNanos || !channel.isActive()) {
                ticker.cancel(false);
                return;
            }
            if (options.ratePerSecond() == 0) {
                sendAvailable();
                return;
            }
            long now = System.nanoTime();
            double perConnection = options.ratePerSecond() / Math.max(1, options.connections());
            tokens = Math.min(tokens + perConnection * (now - lastTick) / 1e9, Math.max(2, perConnection));
            lastTick = now;
            boolean wrote = false;
            while (tokens >= 1 && canSend()) {
                tokens--;
                publishOne();
                wrote = true;
            }
            if (wrote) {
                channel.flush();
            }
        }

        private void sendAvailable() {
            if (stopping || System.nanoTime() >= deadlineNanos) {
                return;
            }
            boolean wrote = false;
            for (int burst = 0; burst < 256 && canSend() && channel.isWritable(); burst++) {
                publishOne();
                wrote = true;
            }
            if (wrote) {
                channel.flush();
            }
        }

        private boolean canSend() {
            if (limitReached() || !connected) {
                return false;
            }
            return options.qos() == 0 || inflight < options.inflightPerConnection();
        }

        private void publishOne() {
            long ts = System.currentTimeMillis();
            byte[] payload = ("{\"vin\":\"" + vin + "\",\"seq\":" + (++seq) + ",\"ts\":" + ts + ",\"signals\":{" + signalsJson + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            MqttMessageBuilders.PublishBuilder publish = MqttMessageBuilders.publish().topicName(topic).retained(false)
                    .payload(Unpooled.wrappedBuffer(payload));
            if (options.qos() == 1) {
                int id = nextFreeId();
                sentAt[id] = System.nanoTime();
                inflight++;
                publish.qos(MqttQoS.AT_LEAST_ONCE).messageId(id);
            } else {
                publish.qos(MqttQoS.AT_MOST_ONCE);
            }
            published.incrementAndGet();
            channel.write(publish.build()).addListener(f -> {
                if (!f.isSuccess() && !stopping) {
                    errors.incrementAndGet();
                }
            });
        }

        private int nextFreeId() {
            while (sentAt[nextId] != 0) {
                nextId = nextId == 65_535 ? 1 : nextId + 1;
            }
            int id = nextId;
            nextId = nextId == 65_535 ? 1 : nextId + 1;
            return id;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(MqttMessage.PINGREQ);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!settledOnce) {
                fail("closed before CONNACK");
            } else if (!stopping) {
                errors.incrementAndGet();
                failures.merge("connection closed by the broker during the run", 1, Integer::sum);
            }
            if (!stopping && inflight > 0) {
                errors.addAndGet(inflight);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!settledOnce) {
                fail("error: " + rootMessage(cause));
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
}
