package io.pitwall.simulators.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.pitwall.simulators.mqtt.ClientTls;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An MQTT load generator on Netty: many connections (MQTT 3.1.1 or 5.0, plain or TLS) from several
 * source addresses, each publishing valid telemetry (JSON or CBOR) at its share of a target rate
 * (or as fast as its in-flight window allows), measuring publish -> PUBACK latency in an
 * HdrHistogram. It stops by itself after the duration or message count, disconnects and reports.
 */
public final class LoadGenerator {

    /** Pipeline handler names, in pipeline order. */
    static final String TLS = "tls";
    static final String ENCODER = "encoder";
    static final String DECODER = "decoder";
    static final String KEEP_ALIVE = "keepAlive";
    static final String CLIENT = "client";

    /**
     * CONNECTs in progress at once, from the TCP connect to the CONNACK: enough to fill a run
     * quickly, few enough not to look like a flood (a broker that hashes device secrets answers
     * each CONNECT only after the hash).
     */
    private static final int CONCURRENT_CONNECTS = 256;
    private static final int MAX_PACKET_BYTES = 64 * 1024;

    private final LoadRun run;
    private final List<LoadClient> clients = new ArrayList<>();

    private LoadGenerator(LoadRun run) {
        this.run = run;
    }

    /**
     * Runs the load; {@code progress} gets a line about once a second.
     *
     * @throws IllegalArgumentException if this process cannot open that many sockets, or the TLS files cannot be read
     */
    public static LoadReport run(LoadOptions options, Consumer<String> progress) throws InterruptedException {
        FileDescriptorBudget.check(options.connections() + options.idleConnections());
        ClientTls tls = options.transport().tls() == null ? null : ClientTls.load(options.transport().tls());
        return new LoadGenerator(new LoadRun(options, tls)).execute(progress);
    }

    private LoadReport execute(Consumer<String> progress) throws InterruptedException {
        LoadOptions options = run.options;
        int total = options.connections() + options.idleConnections();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        CountDownLatch settled = new CountDownLatch(total);
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
            Semaphore connecting = new Semaphore(CONCURRENT_CONNECTS);
            InetSocketAddress remote = new InetSocketAddress(options.host(), options.port());
            long connectDeadline = System.nanoTime() + options.connectTimeout().toNanos();
            for (int i = 0; i < total; i++) {
                if (!connecting.tryAcquire(Math.max(1, connectDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                LoadClient client = new LoadClient(run, i, i < options.connections(), () -> {
                    connecting.release();
                    settled.countDown();
                });
                clients.add(client);
                ChannelFuture future = connect(bootstrap.clone().handler(pipeline(client)), remote, i);
                future.addListener(f -> {
                    if (!f.isSuccess()) {
                        client.fail("connect: " + rootMessage(f.cause()));
                    }
                });
                if (i % 1000 == 999) {
                    progress.accept(String.format("connecting %d/%d (%d up, %d failed)", i + 1, total, run.opened.get(), run.failed.get()));
                }
            }
            for (int missing = total - clients.size(); missing > 0; missing--) {
                run.failed.incrementAndGet();
                run.failure("not attempted before --connect-timeout");
                settled.countDown();
            }
            settled.await(Math.max(1, connectDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            progress.accept(String.format("connections: %d up, %d failed", run.opened.get(), run.failed.get()));
            return publishAndReport(progress);
        } finally {
            run.stopping = true;
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    /** TLS (if on), the MQTT codec, keep-alive, then the connection's own handler. */
    private ChannelInitializer<SocketChannel> pipeline(LoadClient client) {
        LoadOptions options = run.options;
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (run.tls != null) {
                    ch.pipeline().addLast(TLS, new SslHandler(run.tls.newEngine(client.vin(), options.host(), options.port())));
                }
                ch.pipeline()
                        .addLast(ENCODER, MqttEncoder.INSTANCE)
                        .addLast(DECODER, new MqttDecoder(MAX_PACKET_BYTES))
                        .addLast(KEEP_ALIVE, new IdleStateHandler(0, Math.max(1, options.keepAliveSeconds() / 2), 0))
                        .addLast(CLIENT, client);
            }
        };
    }

    private ChannelFuture connect(Bootstrap b, InetSocketAddress remote, int connection) {
        List<String> sources = run.options.sourceAddresses();
        return sources.isEmpty() ? b.connect(remote)
                : b.connect(remote, new InetSocketAddress(sources.get(connection % sources.size()), 0));
    }

    private LoadReport publishAndReport(Consumer<String> progress) throws InterruptedException {
        long warmupEnd = System.nanoTime() + run.options.warmup().toNanos();
        run.deadlineNanos = warmupEnd + run.options.duration().toNanos();
        for (LoadClient client : clients) {
            client.startPublishing();
        }
        if (!run.options.warmup().isZero()) {
            reportWhile(warmupEnd, "warming up", progress);
            run.startMeasuring();
        }
        long start = System.nanoTime();
        reportWhile(run.deadlineNanos, "connections " + run.opened.get(), progress);
        run.stopping = true;
        double seconds = (System.nanoTime() - start) / 1e9;
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inflight() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        long unacknowledged = inflight();
        for (LoadClient client : clients) {
            client.disconnect();
        }
        return new LoadReport(run.opened.get(), run.failed.get(), new TreeMap<>(run.failures),
                run.published.get() - run.publishedBeforeMeasuring, run.acknowledged.get() - run.acknowledgedBeforeMeasuring,
                run.errors.get() - run.errorsBeforeMeasuring, unacknowledged, seconds, run.latencyMicros.copy());
    }

    /** A progress line about once a second until {@code untilNanos} or the message limit. */
    private void reportWhile(long untilNanos, String phase, Consumer<String> progress) throws InterruptedException {
        long lastAcked = run.acknowledged.get();
        long lastPrint = System.nanoTime();
        while (System.nanoTime() < untilNanos && !run.limitReached()) {
            Thread.sleep(100);
            long now = System.nanoTime();
            if (now - lastPrint >= 1_000_000_000L) {
                long acked = run.acknowledged.get();
                progress.accept(String.format("%s | sent %d | acknowledged %d (%.0f/s) | errors %d | p99 %.2f ms", phase,
                        run.published.get() - run.publishedBeforeMeasuring, acked - run.acknowledgedBeforeMeasuring,
                        (acked - lastAcked) / ((now - lastPrint) / 1e9), run.errors.get() - run.errorsBeforeMeasuring,
                        run.latencyMicros.getValueAtPercentile(99) / 1000.0));
                lastAcked = acked;
                lastPrint = now;
            }
        }
    }

    private long inflight() {
        long n = 0;
        for (LoadClient c : clients) {
            n += c.inflight();
        }
        return n;
    }

    static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }
}
