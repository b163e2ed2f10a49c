package io.pitwall.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.downlink.NoticeConsumer;
import io.pitwall.gateway.kafka.KafkaRecordWriter;
import io.pitwall.gateway.mqtt.Backpressure;
import io.pitwall.gateway.mqtt.ConnectionLimiter;
import io.pitwall.gateway.mqtt.GatewayCounters;
import io.pitwall.gateway.mqtt.GatewayServices;
import io.pitwall.gateway.mqtt.InboundRecordFactory;
import io.pitwall.gateway.mqtt.Ingest;
import io.pitwall.gateway.mqtt.MqttChannelInitializer;
import io.pitwall.gateway.mqtt.TlsContexts;
import io.pitwall.gateway.mqtt.Wills;
import io.pitwall.gateway.observability.GatewayMetrics;
import io.pitwall.gateway.observability.HttpEndpoints;
import io.pitwall.gateway.observability.KafkaHealth;
import io.pitwall.gateway.session.Router;
import io.pitwall.gateway.session.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running gateway: the MQTT listener, its Kafka producer, the notice consumer, the sessions, the
 * executor that checks device secrets and the metrics/health endpoints. {@link #start} binds and
 * returns; {@link #close} stops accepting, lets in-flight Kafka writes finish and releases
 * everything.
 */
public final class MqttGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttGateway.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ExecutorService authExecutor;
    private final KafkaRecordWriter kafka;
    private final KafkaHealth kafkaHealth;
    private final NoticeConsumer notices;
    private final GatewayCounters counters;
    private final GatewayServices services;
    private final ScheduledFuture<?> housekeeping;
    private final HttpEndpoints http;
    private final Channel serverChannel;
    private final Channel tlsChannel;

    private MqttGateway(GatewayConfig config) throws InterruptedException {
        try {
            // First, so a wrong key store password fails before anything is started.
            SslContext tlsContext = config.tls() == null ? null : TlsContexts.serverContext(config.tls());
            counters = new GatewayCounters();
            kafka = new KafkaRecordWriter(config.kafkaBootstrap(), "pitwall-gateway-" + config.gatewayId(),
                    config.kafkaDeliveryTimeoutMs());
            kafka.prefetchMetadata(config.rawTopic(), config.rejectedTopic());
            kafkaHealth = new KafkaHealth(config.kafkaBootstrap(), Duration.ofSeconds(2));
            authExecutor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                    r -> {
                        Thread t = new Thread(r, "pitwall-auth");
                        t.setDaemon(true);
                        return t;
                    });
            DeviceRegistry registry = new DeviceRegistry(config.deviceRegistry(), SecretHasher.DEFAULT);
            LOG.info("Device registry {}: {} vehicles", config.deviceRegistry(), registry.size());
            InboundRecordFactory records = new InboundRecordFactory(ContractLimits.defaults(), Clock.systemUTC(),
                    config.gatewayId());
            SessionStore sessions = new SessionStore(config.limits().maxQueuedMessages(), counters);
            Router router = new Router(sessions, config.developmentProfile());
            if (config.developmentProfile()) {
                LOG.warn("INSECURE DEVELOPMENT PROFILE: no authentication, any client may publish and subscribe to any "
                        + "topic. Never run this in production.");
            }
            Ingest ingest = new Ingest(records, kafka, config.rawTopic(), config.rejectedTopic(), counters);
            Backpressure backpressure = new Backpressure(config.limits().maxInFlightTotal(),
                    config.maxInFlightPerConnection(), kafka::backlogged, counters);
            ConnectionLimiter limiter = new ConnectionLimiter(config.limits().maxConnections(),
                    config.limits().maxConnectsPerIpPerSecond(), counters);
            services = new GatewayServices(config, registry, authExecutor, ingest, sessions, router,
                    new Wills(ingest, router, counters), backpressure, limiter, counters, new AtomicInteger());

            bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            workerGroup = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), NioIoHandler.newFactory());
            housekeeping = workerGroup.next().scheduleWithFixedDelay(() -> {
                long now = System.currentTimeMillis();
                sessions.sweepExpired(now);
                sessions.reportDrops(now);
                limiter.sweep();
            }, 1, 1, TimeUnit.SECONDS);
            serverChannel = listen(config.mqttPort(), new MqttChannelInitializer(services, null));
            tlsChannel = config.tls() == null ? null
                    : listen(config.tls().port(), new MqttChannelInitializer(services, tlsContext));
            notices = config.downlinkEnabled()
                    ? new NoticeConsumer(config.kafkaBootstrap(), config.noticesTopic(), config.gatewayId(), router, counters)
                    : null;
            if (notices != null) {
                notices.start();
            }
            GatewayMetrics metrics = new GatewayMetrics(counters);
            metrics.gauge("pitwall_gateway_connections", "Open MQTT connections", limiter::openConnections);
            metrics.gauge("pitwall_gateway_sessions", "MQTT sessions held (connected or persistent)", sessions::size);
            metrics.gauge("pitwall_gateway_kafka_in_flight", "Kafka writes awaiting acknowledgement", backpressure::inFlight);
            metrics.gauge("pitwall_gateway_kafka_backlog", "Records waiting for the Kafka producer to take them (buffer full "
                    + "or metadata missing)", kafka::backlogSize);
            metrics.gauge("pitwall_gateway_paused_connections", "Connections not being read because of backpressure",
                    backpressure::pausedConnections);
            metrics.gauge("pitwall_gateway_kafka_reachable", "1 while Kafka answers", () -> kafkaHealth.reachable() ? 1 : 0);
            http = config.httpPort() < 0 ? null : httpEndpoints(config.httpPort(), metrics);
            LOG.info("Pitwall gateway {} listening for MQTT on {}{}{}", config.gatewayId(), serverChannel.localAddress(),
                    tlsChannel == null ? "" : ", MQTT over TLS on " + tlsChannel.localAddress(),
                    http == null ? "" : ", metrics and health on 127.0.0.1:" + http.port());
    
        } catch (RuntimeException | InterruptedException e) {
            // Whatever started before the failure is stopped again: no threads or ports left behind.
            close();
            throw e;
        }
    }

    private HttpEndpoints httpEndpoints(int port, GatewayMetrics metrics) {
        try {
            return new HttpEndpoints(port, metrics, this::ready);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the metrics/health port " + port, e);
        }
    }

    private Channel listen(int port, MqttChannelInitializer initializer) throws InterruptedException {
        return new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress(services.config().bindHost(), port))
                .sync()
                .channel();
    }

    public static MqttGateway start(GatewayConfig config) throws InterruptedException {
        return new MqttGateway(config);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The TLS port, or -1 without a TLS listener. */
    public int tlsPort() {
        return tlsChannel == null ? -1 : ((InetSocketAddress) tlsChannel.localAddress()).getPort();
    }

    /** The metrics/health port, or -1 when they are off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Ready to take vehicles: listening, and Kafka answers. */
    public boolean ready() {
        return serverChannel != null && serverChannel.isActive() && kafkaHealth.reachable();
    }

    /** True once the notice consumer reads its partitions (always false with the downlink off). */
    public boolean downlinkReady() {
        return notices != null && notices.assigned();
    }

    public GatewayCounters counters() {
        return counters;
    }

    public GatewayServices services() {
        return services;
    }

    @Override
    public void close() {
        // Null checks: close() also cleans up after a constructor that failed halfway.
        if (http != null) {
            http.close();
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        if (tlsChannel != null) {
            tlsChannel.close().awaitUninterruptibly();
        }
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        if (notices != null) {
            notices.close();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (kafkaHealth != null) {
            kafkaHealth.close();
        }
        if (authExecutor != null) {
            authExecutor.shutdownNow();
        }
    }
}
