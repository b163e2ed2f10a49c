package io.pitwall.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.kafka.KafkaRecordWriter;
import io.pitwall.gateway.mqtt.GatewayCounters;
import io.pitwall.gateway.mqtt.InboundRecordFactory;
import io.pitwall.gateway.mqtt.MqttChannelInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running gateway: the MQTT listener, its Kafka producer and the executor that checks device
 * secrets. {@link #start} binds and returns; {@link #close} stops accepting, lets in-flight Kafka
 * writes finish and releases everything.
 */
public final class MqttGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttGateway.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ExecutorService authExecutor;
    private final KafkaRecordWriter kafka;
    private final GatewayCounters counters;
    private final Channel serverChannel;

    private MqttGateway(GatewayConfig config) throws InterruptedException {
        counters = new GatewayCounters();
        kafka = new KafkaRecordWriter(config.kafkaBootstrap(), "pitwall-gateway-" + config.gatewayId());
        authExecutor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                r -> {
                    Thread t = new Thread(r, "pitwall-auth");
                    t.setDaemon(true);
                    return t;
                });
        DeviceRegistry registry = new DeviceRegistry(config.deviceRegistry(), SecretHasher.DEFAULT);
        InboundRecordFactory records = new InboundRecordFactory(ContractLimits.defaults(), Clock.systemUTC(),
                config.gatewayId());
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        serverChannel = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new MqttChannelInitializer(config, registry, authExecutor, kafka, records, counters))
                .bind(new InetSocketAddress(config.bindHost(), config.mqttPort()))
                .sync()
                .channel();
        LOG.info("Pitwall gateway {} listening for MQTT on {}", config.gatewayId(), serverChannel.localAddress());
    }

    public static MqttGateway start(GatewayConfig config) throws InterruptedException {
        return new MqttGateway(config);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public GatewayCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        kafka.close();
        authExecutor.shutdownNow();
    }
}
