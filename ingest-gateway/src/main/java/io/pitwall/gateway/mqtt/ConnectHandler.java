package io.pitwall.gateway.mqtt;

import io.netty.channel.Channel;
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
import io.pitwall.gateway.config.Limits;
import io.pitwall.gateway.session.ClientLimits;
import io.pitwall.gateway.session.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Admits a connection and ends it: the first packet must be a CONNECT whose client id is a VIN
 * (optionally {@code VIN:suffix}), whose username is that VIN and whose password is the device's
 * secret, and whose will (if any) stays under the vehicle's own topics. The secret check is a
 * deliberately slow hash, so it runs on the auth executor, never on the event loop; packets that
 * arrive meanwhile wait here in order. When the connection closes, its will is published (unless
 * it said DISCONNECT) and its session detached. One instance per connection.
 */
public final class ConnectHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);
    private static final int DEVELOPMENT_TOPIC_ALIASES = 16;

    private final GatewayServices services;
    private final GatewayCounters counters;
    private final Limits limits;

    private enum State { AWAITING_CONNECT, AUTHENTICATING, CONNECTED, REFUSED }

    private State state = State.AWAITING_CONNECT;
    private final Queue<Object> heldWhileAuthenticating = new ArrayDeque<>();

    public ConnectHandler(GatewayServices services) {
        this.services = services;
        this.counters = services.counters();
        this.limits = services.config().limits();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (state) {
            case CONNECTED -> {
                if (Disconnects.isDisconnecting(ctx.channel())) {
                    // Decoded from the same read as the packet that ended the connection.
                    ReferenceCountUtil.release(msg);
                    return;
                }
                if (msg instanceof MqttMessage m && m.fixedHeader() != null
                        && m.fixedHeader().messageType() == MqttMessageType.CONNECT) {
                    ReferenceCountUtil.release(msg);
                    Disconnects.disconnect(ctx, counters, ReasonCode.PROTOCOL_ERROR, "second CONNECT on one connection");
                    return;
                }
                ctx.fireChannelRead(msg);
            }
            case AUTHENTICATING -> {
                if (heldWhileAuthenticating.size() >= 64) {
                    ReferenceCountUtil.release(msg);
                    counters.increment("refused.flood-before-connack");
                    ctx.close();
                    return;
                }
                heldWhileAuthenticating.add(msg);
            }
            case AWAITING_CONNECT -> onFirstPacket(ctx, msg);
            // Already answered and closing: what was decoded from the same read is dropped.
            case REFUSED -> ReferenceCountUtil.release(msg);
        }
    }

    private void onFirstPacket(ChannelHandlerContext ctx, Object msg) {
        state = State.REFUSED;
        try {
            if (msg instanceof MqttMessage m && m.decoderResult().isFailure()) {
                refuseUndecodable(ctx, m.decoderResult().cause());
                return;
            }
            if (!(msg instanceof MqttConnectMessage connect)) {
                counters.increment("refused.not-connect-first");
                LOG.info("Closing {}: first packet was not CONNECT", ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            MqttVersion version = MqttVersion.fromProtocolNameAndLevel(
                    connect.variableHeader().name(), (byte) connect.variableHeader().version());
            ConnectionLimiter.Refusal refusal = ctx.channel().attr(ConnectionLimiter.REFUSAL).get();
            if (refusal == ConnectionLimiter.Refusal.TOO_MANY_CONNECTIONS) {
                refuse(ctx, version, "limit.connections", MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                        MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY,
                        "too many connections (limit " + limits.maxConnections() + ")");
                return;
            }
            if (refusal == ConnectionLimiter.Refusal.CONNECTION_RATE) {
                refuse(ctx, version, "limit.connection-rate", MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                        MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED,
                        "too many connections from this address (limit " + limits.maxConnectsPerIpPerSecond() + "/s)");
                return;
            }
            boolean development = services.config().developmentProfile();
            ConnectRequest request;
            try {
                request = ConnectRequest.parse(connect, version, development,
                        development ? null : TlsContexts.peerCommonName(ctx));
            } catch (ConnectRequest.Refused r) {
                refuse(ctx, version, r.counter, r.v3Code, r.v5Code, r.getMessage());
                return;
            }
            state = State.AUTHENTICATING;
            if (development) {
                onAuthenticated(ctx, true, request);
            } else if (request.certificateVin() != null) {
                // Mutual TLS: the CA vouched for the VIN; the registry still decides whether it may connect.
                boolean registered = services.registry().find(request.vin()).map(d -> !d.revoked()).orElse(false);
                counters.increment(registered ? "connect.certificate" : "refused.certificate-unregistered");
                onAuthenticated(ctx, registered, request);
            } else {
                checkSecret(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The slow hash runs on the auth executor, bounded so a CONNECT flood cannot queue work without end. */
    private void checkSecret(ChannelHandlerContext ctx, ConnectRequest request) {
        if (services.pendingAuthentications().incrementAndGet() > limits.maxPendingAuthentications()) {
            services.pendingAuthentications().decrementAndGet();
            state = State.REFUSED;
            refuse(ctx, request.version(), "limit.pending-authentications",
                    MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                    MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY, "too many connections authenticating; retry later");
            return;
        }
        String secret = new String(request.password(), StandardCharsets.UTF_8);
        try {
            services.authExecutor().execute(() -> {
                boolean ok;
                try {
                    ok = authenticate(request.vin(), secret);
                } finally {
                    services.pendingAuthentications().decrementAndGet();
                }
                ctx.executor().execute(() -> onAuthenticated(ctx, ok, request));
            });
        } catch (RejectedExecutionException e) {
            services.pendingAuthentications().decrementAndGet();
            ctx.close();
        }
    }

    private boolean authenticate(String vin, String secret) {
        try {
            return services.registry().authenticate(vin, secret);
        } catch (RuntimeException e) {
            LOG.error("Device registry failed while authenticating {}", vin, e);
            return false;
        }
    }

    private void onAuthenticated(ChannelHandlerContext ctx, boolean ok, ConnectRequest request) {
        if (!ctx.channel().isActive() || !ok) {
            state = State.REFUSED;
        }
        if (!ctx.channel().isActive()) {
            releaseHeld();
            return;
        }
        if (!ok) {
            releaseHeld();
            refuse(ctx, request.version(), "bad-credentials", MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
                    MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD,
                    "unknown VIN, revoked device or wrong secret");
            return;
        }
        boolean v5 = request.version() == MqttVersion.MQTT_5;
        int keepAlive = request.keepAliveSeconds();
        int grantedKeepAlive = keepAlive == 0 || keepAlive > limits.maxKeepAliveSeconds()
                ? limits.maxKeepAliveSeconds() : keepAlive;
        long grantedExpiry = Math.min(request.sessionExpiry(), limits.maxSessionExpirySeconds());
        int window = Math.min(request.receiveMaximum(), limits.maxOutboundInFlight());

        SessionStore.Attached attached = services.sessions().attach(request.clientId(), request.vin(),
                request.cleanStart(), ctx.channel(),
                new ClientLimits(v5, window, request.maxPacket(), request.topicAliasMaximum()));
        attached.session().expiryIntervalSeconds(grantedExpiry);
        long now = System.nanoTime();
        MqttSession session = new MqttSession(request.clientId(), request.vin(), request.version(), attached.session(),
                request.will(),
                new TokenBucket(limits.maxPublishesPerSecond(), limits.maxPublishesPerSecond(), now),
                new TokenBucket(limits.maxPublishBytesPerSecond(), limits.maxPublishBytesPerSecond(), now),
                v5 ? topicAliasMaximum() : 0, services.config().maxInFlightPerConnection());
        ctx.channel().attr(MqttSession.KEY).set(session);
        takeOver(attached.previousChannel(), request.clientId());

        // MQTT: the server may close a connection silent for one and a half keep-alive periods.
        ctx.pipeline().replace(PipelineNames.IDLE, PipelineNames.IDLE,
                new IdleStateHandler(grantedKeepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        counters.increment("connect.accepted");
        ctx.writeAndFlush(connAck(session, attached.sessionPresent(),
                v5 && grantedKeepAlive != keepAlive ? grantedKeepAlive : -1,
                v5 && grantedExpiry != request.sessionExpiry() ? grantedExpiry : -1,
                request.assignedClientId() ? request.clientId() : null));
        state = State.CONNECTED;
        if (attached.sessionPresent()) {
            attached.session().resume(ctx.channel());
        }
        while (!heldWhileAuthenticating.isEmpty()) {
            channelRead(ctx, heldWhileAuthenticating.poll());
        }
    }

    /** MQTT: a second connection with the same client id takes the session over; the first is closed. */
    private void takeOver(Channel previous, String clientId) {
        if (previous == null || !previous.isActive()) {
            return;
        }
        counters.increment("session.taken-over");
        previous.eventLoop().execute(() -> {
            var ctx = previous.pipeline().context(PipelineNames.CONNECT);
            if (ctx != null) {
                Disconnects.disconnect(ctx, counters, ReasonCode.SESSION_TAKEN_OVER,
                        "another connection with client id " + clientId + " took over the session");
            } else {
                previous.close();
            }
        });
    }

    /** Topic aliases a client may use: none for vehicles (one topic each), some for development tools. */
    private int topicAliasMaximum() {
        return services.config().developmentProfile() ? DEVELOPMENT_TOPIC_ALIASES : 0;
    }

    private MqttConnAckMessage connAck(MqttSession session, boolean sessionPresent, int serverKeepAlive,
                                       long sessionExpiry, String assignedClientId) {
        MqttMessageBuilders.ConnAckBuilder builder = MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(sessionPresent);
        if (session.isMqtt5()) {
            MqttProperties props = new MqttProperties();
            props.add(intProp(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE, services.config().maxPacketBytes()));
            props.add(intProp(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM, services.config().maxInFlightPerConnection()));
            props.add(intProp(MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM, topicAliasMaximum()));
            props.add(intProp(MqttProperties.MqttPropertyType.RETAIN_AVAILABLE, 1));
            props.add(intProp(MqttProperties.MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE, 1));
            props.add(intProp(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1));
            props.add(intProp(MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE, 0));
            if (serverKeepAlive >= 0) {
                props.add(intProp(MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE, serverKeepAlive));
            }
            if (assignedClientId != null) {
                props.add(new MqttProperties.StringProperty(
                        MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), assignedClientId));
            }
            if (sessionExpiry >= 0) {
                props.add(intProp(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL, (int) sessionExpiry));
            }
            builder.properties(props);
        }
        return builder.build();
    }

    private static MqttProperties.IntegerProperty intProp(MqttProperties.MqttPropertyType type, int value) {
        return new MqttProperties.IntegerProperty(type.value(), value);
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
        LOG.debug("Closing {}: malformed CONNECT ({})", ctx.channel().remoteAddress(), cause.toString());
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
        MqttSession session = ctx.channel().attr(MqttSession.KEY).get();
        if (session != null) {
            services.backpressure().closed(ctx.channel(), session);
            services.wills().connectionLost(session, ctx.channel());
            services.sessions().detach(session.state(), ctx.channel());
        }
        ctx.fireChannelInactive();
    }
}
