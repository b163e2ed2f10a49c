package io.pitwall.gateway.mqtt;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/** The pipeline of one vehicle connection, top to bottom. */
public final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final GatewayServices services;
    private final SslContext tls;
    private final SessionControlHandler sessionControl;
    private final EdgeExceptionHandler exceptions;

    /** @param tls the TLS listener's context, or null for the plain listener */
    public MqttChannelInitializer(GatewayServices services, SslContext tls) {
        this.services = services;
        this.tls = tls;
        this.sessionControl = new SessionControlHandler(services);
        this.exceptions = new EdgeExceptionHandler(services.counters());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(PipelineNames.CONNECTION_LIMITS, services.connectionLimiter());
        if (tls != null) {
            p.addLast(PipelineNames.TLS, tls.newHandler(ch.alloc()));
        }
        p.addLast(PipelineNames.MQTT_DECODER, new MqttDecoder(services.config().maxPacketBytes()));
        p.addLast(PipelineNames.MQTT_ENCODER, MqttEncoder.INSTANCE);
        p.addLast(PipelineNames.PUBACKS, new PubAckBatcher());
        // Until CONNECT: the connect timeout. ConnectHandler replaces it with the keep-alive timer.
        p.addLast(PipelineNames.IDLE, new IdleStateHandler(services.config().connectTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
        p.addLast(PipelineNames.CONNECT, new ConnectHandler(services));
        p.addLast(PipelineNames.PUBLISH, new PublishHandler(services));
        p.addLast(PipelineNames.SESSION_CONTROL, sessionControl);
        p.addLast(PipelineNames.EXCEPTIONS, exceptions);
    }
}
