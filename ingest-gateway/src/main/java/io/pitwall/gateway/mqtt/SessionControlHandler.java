package io.pitwall.gateway.mqtt;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.gateway.session.OutboundMessage;
import io.pitwall.gateway.session.SessionState;
import io.pitwall.gateway.session.Subscription;
import io.pitwall.gateway.session.TopicFilters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers the packets that keep a session going: PINGREQ, DISCONNECT, SUBSCRIBE, UNSUBSCRIBE and
 * the client's PUBACK, PUBREC and PUBCOMP for what the gateway sent; resumes sending when a slow
 * client's socket becomes writable again; and closes connections that outlive their keep-alive.
 * A vehicle may subscribe only under its own topic prefix; other filters, malformed filters and
 * filters beyond the subscription limit get a failure code in the SUBACK. Stateless, so one
 * instance serves every connection.
 */
@ChannelHandler.Sharable
public final class SessionControlHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionControlHandler.class);
    private static final int SUBACK_UNSPECIFIED = 0x80;
    private static final int SUBACK_NOT_AUTHORIZED = 0x87;
    private static final int SUBACK_FILTER_INVALID = 0x8F;
    private static final int SUBACK_QUOTA_EXCEEDED = 0x97;

    private final GatewayServices services;
    private final GatewayCounters counters;

    public SessionControlHandler(GatewayServices services) {
        this.services = services;
        this.counters = services.counters();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof MqttMessage message) || message.fixedHeader() == null) {
                return;
            }
            if (message.decoderResult().isFailure()) {
                Disconnects.disconnect(ctx, counters, ReasonCode.MALFORMED_PACKET,
                        "undecodable packet: " + message.decoderResult().cause().getMessage());
                return;
            }
            MqttSession session = ctx.channel().attr(MqttSession.KEY).get();
            switch (message.fixedHeader().messageType()) {
                case PINGREQ -> ctx.writeAndFlush(new MqttMessage(
                        new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));
                case DISCONNECT -> onDisconnect(ctx, session, message);
                case SUBSCRIBE -> onSubscribe(ctx, session, (MqttSubscribeMessage) message);
                case UNSUBSCRIBE -> onUnsubscribe(ctx, session, (MqttUnsubscribeMessage) message);
                case PUBACK -> session.state().acknowledged(packetId(message), ctx.channel());
                case PUBREC -> session.state().received(packetId(message), reasonCode(message), ctx.channel());
                case PUBCOMP -> session.state().completed(packetId(message), ctx.channel());
                default -> Disconnects.disconnect(ctx, counters, ReasonCode.PROTOCOL_ERROR,
                        "unexpected " + message.fixedHeader().messageType() + " from a client");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * The socket drained below its low water mark: send what waited in the session's queue. Run
     * as a task, because Netty reports this from inside a flush, possibly one the pump itself made.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        MqttSession session = ctx.channel().attr(MqttSession.KEY).get();
        if (session != null && ctx.channel().isWritable()) {
            ctx.channel().eventLoop().execute(() -> session.state().pump(ctx.channel()));
        }
        ctx.fireChannelWritabilityChanged();
    }

    private static int packetId(MqttMessage message) {
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }

    /** The reason code of a PUBACK/PUBREC/PUBCOMP; 3.1.1 packets (and MQTT 5 ones without it) mean success. */
    private static int reasonCode(MqttMessage message) {
        return message.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply ? reply.reasonCode() & 0xFF : 0;
    }

    private void onDisconnect(ChannelHandlerContext ctx, MqttSession session, MqttMessage message) {
        byte reason = 0;
        if (message.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            reason = header.reasonCode();
            MqttProperties.MqttProperty<?> expiry = header.properties()
                    .getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
            if (expiry != null) {
                long requested = Integer.toUnsignedLong((Integer) expiry.value());
                if (session.sessionExpiryWasZero() && requested != 0) {
                    Disconnects.disconnect(ctx, counters, ReasonCode.PROTOCOL_ERROR,
                            "session expiry was 0 at CONNECT and may not be raised at DISCONNECT");
                    return;
                }
                session.state().expiryIntervalSeconds(
                        Math.min(requested, services.config().limits().maxSessionExpirySeconds()));
            }
        }
        // 0x04 is "disconnect with will message": the client asks for its will to be published.
        if (reason != 0x04) {
            session.disarmWill();
        }
        counters.increment("disconnect.by-client");
        ctx.close();
    }

    private void onSubscribe(ChannelHandlerContext ctx, MqttSession session, MqttSubscribeMessage subscribe) {
        SessionState state = session.state();
        boolean everything = services.config().developmentProfile();
        String ownPrefix = everything ? "" : VehicleTopic.prefixFor(session.vin());
        int max = services.config().limits().maxSubscriptions();
        int subscriptionId = 0;
        MqttProperties.MqttProperty<?> idProperty = subscribe.idAndPropertiesVariableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value());
        if (idProperty != null) {
            subscriptionId = (Integer) idProperty.value();
        }
        List<Integer> codes = new ArrayList<>();
        List<OutboundMessage> retained = new ArrayList<>();
        for (MqttTopicSubscription subscription : subscribe.payload().topicSubscriptions()) {
            String filter = subscription.topicFilter();
            if (!TopicFilters.isValid(filter)) {
                counters.increment("refused.subscribe-filter-invalid");
                codes.add(session.isMqtt5() ? SUBACK_FILTER_INVALID : SUBACK_UNSPECIFIED);
            } else if (!filter.startsWith(ownPrefix)) {
                counters.increment("refused.subscribe-not-authorized");
                LOG.info("Refused subscription of {} to '{}': only {}... is allowed", session.clientId(), filter, ownPrefix);
                codes.add(session.isMqtt5() ? SUBACK_NOT_AUTHORIZED : SUBACK_UNSPECIFIED);
            } else {
                // Granted as asked; a message still goes at the lower of this and its own QoS, so
                // notices (QoS 1 by contract) stay QoS 1 for a QoS 2 subscription.
                int qos = Math.min(2, subscription.qualityOfService().value());
                boolean existed = state.hasSubscription(filter);
                MqttSubscriptionOption option = subscription.option();
                if (!state.subscribe(new Subscription(filter, qos, option.isNoLocal(), option.isRetainAsPublished(),
                        subscriptionId), max)) {
                    counters.increment("limit.subscriptions");
                    LOG.info("Refused subscription of {} to '{}': more than {} subscriptions", session.clientId(), filter, max);
                    codes.add(session.isMqtt5() ? SUBACK_QUOTA_EXCEEDED : SUBACK_UNSPECIFIED);
                    continue;
                }
                codes.add(qos);
                MqttSubscriptionOption.RetainedHandlingPolicy policy = subscription.option().retainHandling();
                boolean sendRetained = policy == MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE
                        || policy == MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS
                        && !existed;
                if (sendRetained) {
                    List<Integer> ids = subscriptionId > 0 ? List.of(subscriptionId) : List.of();
                    services.router().retainedMatching(session.vin(), filter)
                            .forEach(m -> retained.add(m.forDelivery(Math.min(qos, m.qos()), true, ids)));
                }
            }
        }
        int[] reasonCodes = codes.stream().mapToInt(Integer::intValue).toArray();
        ctx.writeAndFlush(new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(subscribe.variableHeader().messageId(),
                        MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(reasonCodes)));
        long now = System.currentTimeMillis();
        retained.forEach(m -> state.offer(m, now));
    }

    private void onUnsubscribe(ChannelHandlerContext ctx, MqttSession session, MqttUnsubscribeMessage unsubscribe) {
        MqttMessageBuilders.UnsubAckBuilder ack = MqttMessageBuilders.unsubAck()
                .packetId(unsubscribe.variableHeader().messageId());
        for (String filter : unsubscribe.payload().topics()) {
            boolean removed = session.state().unsubscribe(filter);
            ack.addReasonCode((short) (removed ? ReasonCode.SUCCESS.value() : ReasonCode.NO_SUBSCRIPTION_EXISTED.value()));
        }
        ctx.writeAndFlush(ack.build());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (ctx.channel().attr(MqttSession.KEY).get() == null) {
                counters.increment("disconnect.connect-timeout");
                ctx.close();
            } else {
                Disconnects.disconnect(ctx, counters, ReasonCode.KEEP_ALIVE_TIMEOUT, "keep-alive expired");
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
