package io.pitwall.gateway.mqtt;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.kafka.RecordWriter;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The pipeline of one vehicle connection, top to bottom. */
public final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** A client that has not sent CONNECT within this time is closed. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final GatewayConfig config;
    private final DeviceRegistry registry;
    private final Executor authExecutor;
    private final RecordWriter kafka;
    private final InboundRecordFactory records;
    private final GatewayCounters counters;
    private final SessionControlHandler sessionControl;
    private final EdgeExceptionHandler exceptions;

    public MqttChannelInitializer(GatewayConfig config, DeviceRegistry registry, Executor authExecutor,
                                  RecordWriter kafka, InboundRecordFactory records, GatewayCounters counters) {
        this.config = config;
        this.registry = registry;
        this.authExecutor = authExecutor;
        this.kafka = kafka;
        this.records = records;
        this.counters = counters;
        this.sessionControl = new SessionControlHandler(counters);
        this.exceptions = new EdgeExceptionHandler(counters);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(PipelineNames.MQTT_DECODER, new MqttDecoder(config.maxPacketBytes()));
        p.addLast(PipelineNames.MQTT_ENCODER, MqttEncoder.INSTANCE);
        p.addLast(PipelineNames.IDLE, new IdleStateHandler(CONNECT_TIMEOUT_SECONDS, 0, 0, TimeUnit.SECONDS));
        p.addLast(PipelineNames.CONNECT, new ConnectHandler(registry, authExecutor, counters,
                config.maxPacketBytes(), config.maxInFlightPerConnection()));
        p.addLast(PipelineNames.PUBLISH, new PublishHandler(records, kafka, config.rawTopic(),
                config.rejectedTopic(), counters, config.maxInFlightPerConnection()));
        p.addLast(PipelineNames.SESSION_CONTROL, sessionControl);
        p.addLast(PipelineNames.EXCEPTIONS, exceptions);
    }
}
