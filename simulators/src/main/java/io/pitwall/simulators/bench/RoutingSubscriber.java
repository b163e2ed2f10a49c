package io.pitwall.simulators.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscriber side of the routing benchmark (gateway-vs-mosquitto.sh): N MQTT 3.1.1
 * connections, connection k subscribing to the topic template with {i} = k (e.g. bench/{i},
 * matching what `pitwall-sim load --topic bench/{i}` publishes on connection k), counting
 * deliveries and measuring publish -> delivery latency from the payload's "ts" (epoch ms written
 * by the load generator when it built the message). Latency is now (µs) - ts (ms), so it carries
 * the 0-1 ms truncation of ts (on average +0.5 ms); both run on the same clock.
 *
 * <p>Usage: {@code java -cp pitwall-simulators-all.jar io.pitwall.simulators.bench.RoutingSubscriber
 * --port P --connections N --topic bench/{i} --qos 0|1 --duration 120 --quiet 3 --warmup 0
 * --ready-file F}. Deliveries in the first --warmup seconds after the first one (the publisher's own
 * --warmup) are counted apart and left out of the rate and the latencies. It writes the ready file
 * once every subscription is acknowledged, then ends when no message came for --quiet seconds
 * after the first measured one and the --stop-file exists (the harness creates it when the
 * publisher has finished), or after --duration seconds, and prints a RESULT line.
 */
public final class RoutingSubscriber {

    private final String host;
    private final int port;
    private final int connections;
    private final String topicTemplate;
    private final int qos;
    private final List<String> sources;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong warmupReceived = new AtomicLong();
    private final AtomicLong firstNanos = new AtomicLong();
    private final AtomicLong measuringFromNanos = new AtomicLong();
    private final long warmupNanos;
    private volatile long lastNanos;
    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Histogram latency = new ConcurrentHistogram(600_000_000L, 3);

    private RoutingSubscriber(Map<String, String> args) {
        host = args.getOrDefault("host", "127.0.0.1");
        port = Integer.parseInt(args.getOrDefault("port", "1883"));
        connections = Integer.parseInt(args.getOrDefault("connections", "100"));
        topicTemplate = args.getOrDefault("topic", "bench/{i}");
        qos = Integer.parseInt(args.getOrDefault("qos", "0"));
        sources = args.containsKey("source") ? List.of(args.get("source").split(",")) : List.of();
        warmupNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args.getOrDefault("warmup", "0")));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        RoutingSubscriber s = new RoutingSubscriber(args);
        s.run(Long.parseLong(args.getOrDefault("duration", "120")), Long.parseLong(args.getOrDefault("quiet", "3")),
                args.get("ready-file"), args.get("stop-file"));
    }

    private void run(long durationSeconds, long quietSeconds, String readyFile, String stopFile) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<Channel> channels = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(connections);
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true);
            InetSocketAddress remote = new InetSocketAddress(host, port);
            for (int i = 0; i < connections; i++) {
                Sub sub = new Sub(i, ready);
                Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(MqttEncoder.INSTANCE).addLast(new MqttDecoder(1024 * 1024))
                                .addLast(new IdleStateHandler(0, 30, 0)).addLast(sub);
                    }
                });
                var future = sources.isEmpty() ? b.connect(remote)
                        : b.connect(remote, new InetSocketAddress(sources.get(i % sources.size()), 0));
                channels.add(future.sync().channel());
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                System.out.println("not every subscription was acknowledged: " + subscribed.get() + "/" + connections);
            }
            System.out.println("subscribed " + subscribed.get() + " connections, failed " + failed.get());
            if (readyFile != null) {
                Files.writeString(Path.of(readyFile), "ready\n");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
            long lastPrint = System.nanoTime();
            long lastCount = 0;
            while (System.nanoTime() < deadline) {
                Thread.sleep(100);
                long now = System.nanoTime();
                boolean publisherDone = stopFile == null || Files.exists(Path.of(stopFile));
                if (publisherDone && measuringFromNanos.get() != 0 && now - lastNanos > TimeUnit.SECONDS.toNanos(quietSeconds)) {
                    break;
                }
                if (now - lastPrint >= 1_000_000_000L) {
                    long count = received.get();
                    System.out.printf("received %d (%.0f/s)%n", count, (count - lastCount) / ((now - lastPrint) / 1e9));
                    lastCount = count;
                    lastPrint = now;
                }
            }
            double seconds = measuringFromNanos.get() == 0 ? 0 : (lastNanos - measuringFromNanos.get()) / 1e9;
            long n = received.get();
            System.out.printf("RESULT subscribers=%d received=%d warmup=%d duplicates=%d seconds=%.2f rate=%.0f p50=%.2f p99=%.2f p999=%.2f max=%.2f%n",
                    subscribed.get(), n, warmupReceived.get(), duplicates.get(), seconds, seconds > 0 ? n / seconds : 0,
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                    latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0);
            for (Channel ch : channels) {
                if (ch.isActive()) {
                    ch.writeAndFlush(MqttMessage.DISCONNECT);
                }
            }
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** Reads the number after "ts": in the payload; -1 if there is none. */
    private static long timestampMillis(ByteBuf payload) {
        int from = payload.readerIndex();
        int end = payload.writerIndex();
        for (int i = from; i + 5 < end; i++) {
            if (payload.getByte(i) == '"' && payload.getByte(i + 1) == 't' && payload.getByte(i + 2) == 's'
                    && payload.getByte(i + 3) == '"' && payload.getByte(i + 4) == ':') {
                long v = 0;
                int j = i + 5;
                while (j < end && payload.getByte(j) >= '0' && payload.getByte(j) <= '9') {
                    v = v * 10 + (payload.getByte(j) - '0');
                    j++;
                }
                return v;
            }
        }
        return -1;
    }

    private final class Sub extends SimpleChannelInboundHandler<MqttMessage> {
        private final int index;
        private final CountDownLatch ready;

        Sub(int index, CountDownLatch ready) {
            this.index = index;
            this.ready = ready;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(MqttMessageBuilders.connect().clientId("bench-sub-" + index)
                    .protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).keepAlive(60).build());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            MqttMessageType type = msg.fixedHeader().messageType();
            if (type == MqttMessageType.CONNACK) {
                if (((MqttConnAckMessage) msg).variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                    failed.incrementAndGet();
                    ready.countDown();
                    return;
                }
                ctx.writeAndFlush(MqttMessageBuilders.subscribe().messageId(1)
                        .addSubscription(MqttQoS.valueOf(qos), topicTemplate.replace("{i}", Integer.toString(index))).build());
            } else if (type == MqttMessageType.SUBACK) {
                int granted = ((MqttSubAckMessage) msg).payload().grantedQoSLevels().get(0);
                if (granted == 0x80) {
                    failed.incrementAndGet();
                } else {
                    subscribed.incrementAndGet();
                }
                ready.countDown();
            } else if (type == MqttMessageType.PUBLISH) {
                MqttPublishMessage publish = (MqttPublishMessage) msg;
                long ts = timestampMillis(publish.payload());
                long now = System.nanoTime();
                firstNanos.compareAndSet(0, now);
                if (now - firstNanos.get() < warmupNanos) {
                    warmupReceived.incrementAndGet();
                } else {
                    measuringFromNanos.compareAndSet(0, now);
                    lastNanos = now;
                    received.incrementAndGet();
                    if (publish.fixedHeader().isDup()) {
                        duplicates.incrementAndGet();
                    }
                    if (ts > 0) {
                        latency.recordValue(Math.max(0, Math.min(600_000_000L, epochMicros() - ts * 1000)));
                    }
                }
                if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                    ctx.writeAndFlush(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
                }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(MqttMessage.PINGREQ);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.out.println("subscriber " + index + ": " + cause);
            ctx.close();
        }
    }
}
