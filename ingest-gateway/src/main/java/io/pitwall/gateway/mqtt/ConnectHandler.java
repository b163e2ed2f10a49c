package io.pitwall.gateway.mqtt;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.pitwall.contracts.Vin;
import io.pitwall.gateway.auth.DeviceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Admits a connection: the first packet must be a CONNECT whose client id is a VIN (optionally
 * {@code VIN:suffix}), whose username is that VIN and whose password is the device's secret. The
 * secret check is a deliberately slow hash, so it runs on the auth executor, never on the event
 * loop; packets that arrive meanwhile wait here in order. One instance per connection.
 */
public final class ConnectHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

    private final DeviceRegistry registry;
    private final Executor authExecutor;
    private final GatewayCounters counters;
    private final int maxPacketBytes;
    private final int receiveMaximum;

    private enum State { AWAITING_CONNECT, AUTHENTICATING, CONNECTED }

    private State state = State.AWAITING_CONNECT;
    private final Queue<Object> heldWhileAuthenticating = new ArrayDeque<>();

    public ConnectHandler(DeviceRegistry registry, Executor authExecutor, GatewayCounters counters,
                          int maxPacketBytes, int receiveMaximum) {
        this.registry = registry;
        this.authExecutor = authExecutor;
        this.counters = counters;
        this.maxPacketBytes = maxPacketBytes;
        this.receiveMaximum = receiveMaximum;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (state) {
            case CONNECTED -> {
                if (msg instanceof MqttMessage m && m.fixedHeader() != null
                        && m.fixedHeader().messageType() == MqttMessageType.CONNECT) {
                    ReferenceCountUtil.release(msg);
                    Disconnects.disconnect(ctx, counters, ReasonCode.PROTOCOL_ERROR, "second CONNECT on one connection");
                    return;
                }
                ctx.fireChannelRead(msg);
            }
            case AUTHENTICATING -> heldWhileAuthenticating.add(msg);
            case AWAITING_CONNECT -> onFirstPacket(ctx, msg);
        }
    }

    private void onFirstPacket(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof MqttConnectMessage connect)) {
                counters.increment("refused.not-connect-first");
                LOG.info("Closing {}: first packet was not CONNECT", ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            if (connect.decoderResult().isFailure()) {
                refuseUndecodable(ctx, connect.decoderResult().cause());
                return;
            }
            MqttVersion version = MqttVersion.fromProtocolNameAndLevel(
                    connect.variableHeader().name(), (byte) connect.variableHeader().version());
            String clientId = connect.payload().clientIdentifier();
            String vin = clientId.contains(":") ? clientId.substring(0, clientId.indexOf(':')) : clientId;
            if (!Vin.isValid(vin)) {
                refuse(ctx, version, "client-id", MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                        MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID,
                        "client id must be the VIN (17 characters, no I/O/Q), optionally followed by :<device>");
                return;
            }
            String username = connect.payload().userName();
            byte[] password = connect.payload().passwordInBytes();
            if (!vin.equals(username) || password == null) {
                refuse(ctx, version, "bad-credentials", MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
                        MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD,
                        "username must be the VIN of the client id and a password must be given");
                return;
            }
            int keepAliveSeconds = connect.variableHeader().keepAliveTimeSeconds();
            state = State.AUTHENTICATING;
            String secret = new String(password, StandardCharsets.UTF_8);
            authExecutor.execute(() -> {
                boolean ok = authenticate(vin, secret);
                ctx.executor().execute(() -> onAuthenticated(ctx, ok, clientId, vin, version, keepAliveSeconds));
            });
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private boolean authenticate(String vin, String secret) {
        try {
            return registry.authenticate(vin, secret);
        } catch (RuntimeException e) {
            LOG.error("Device registry failed while authenticating {}", vin, e);
            return false;
        }
    }

    private void onAuthenticated(ChannelHandlerContext ctx, boolean ok, String clientId, String vin,
                                 MqttVersion version, int keepAliveSeconds) {
        if (!ctx.channel().isActive()) {
            releaseHeld();
            return;
        }
        if (!ok) {
            releaseHeld();
            refuse(ctx, version, "bad-credentials", MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
                    MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD,
                    "unknown VIN, revoked device or wrong secret");
            return;
        }
        MqttSession session = new MqttSession(clientId, vin, version);
        ctx.channel().attr(MqttSession.KEY).set(session);
        if (keepAliveSeconds > 0) {
            // MQTT: the server may close a connection silent for one and a half keep-alive periods.
            long limitMillis = keepAliveSeconds * 1500L;
            ctx.pipeline().replace(PipelineNames.IDLE, PipelineNames.IDLE,
                    new IdleStateHandler(limitMillis, 0, 0, TimeUnit.MILLISECONDS));
        } else {
            ctx.pipeline().remove(PipelineNames.IDLE);
        }
        counters.increment("connect.accepted");
        ctx.writeAndFlush(connAck(session));
        state = State.CONNECTED;
        while (!heldWhileAuthenticating.isEmpty()) {
            channelRead(ctx, heldWhileAuthenticating.poll());
        }
    }

    private MqttConnAckMessage connAck(MqttSession session) {
        MqttMessageBuilders.ConnAckBuilder builder = MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(false);
        if (session.isMqtt5()) {
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), maxPacketBytes));
            props.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), receiveMaximum));
            props.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 0));
            props.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
            builder.properties(props);
        }
        return builder.build();
    }

    private void refuseUndecodable(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            counters.increment("refused.protocol-version");
            ctx.writeAndFlush(MqttMessageBuilders.connAck()
                            .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION).build())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        counters.increment("refused.malformed-connect");
        LOG.info("Closing {}: malformed CONNECT ({})", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void refuse(ChannelHandlerContext ctx, MqttVersion version, String counter,
                        MqttConnectReturnCode v3Code, MqttConnectReturnCode v5Code, String why) {
        counters.increment("refused." + counter);
        LOG.info("Refusing CONNECT from {}: {}", ctx.channel().remoteAddress(), why);
        MqttMessageBuilders.ConnAckBuilder builder = MqttMessageBuilders.connAck().sessionPresent(false);
        if (version == MqttVersion.MQTT_5) {
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), why));
            builder.returnCode(v5Code).properties(props);
        } else {
            builder.returnCode(v3Code);
        }
        ctx.writeAndFlush(builder.build()).addListener(ChannelFutureListener.CLOSE);
    }

    private void releaseHeld() {
        while (!heldWhileAuthenticating.isEmpty()) {
            ReferenceCountUtil.release(heldWhileAuthenticating.poll());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ctx.fireChannelInactive();
    }
}
