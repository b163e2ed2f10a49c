package io.pitwall.gateway.mqtt;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.pitwall.contracts.VehicleTopic;

/**
 * Answers the packets that keep a session going: PINGREQ, DISCONNECT, SUBSCRIBE and UNSUBSCRIBE,
 * and closes connections that outlive their keep-alive. A vehicle may subscribe only under its own
 * topic prefix; other filters get a failure code in the SUBACK. Stateless, so one instance serves
 * every connection.
 */
@ChannelHandler.Sharable
public final class SessionControlHandler extends ChannelInboundHandlerAdapter {

    private final GatewayCounters counters;

    public SessionControlHandler(GatewayCounters counters) {
        this.counters = counters;
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
                case DISCONNECT -> ctx.close();
                case SUBSCRIBE -> ctx.writeAndFlush(subAck((MqttSubscribeMessage) message, session));
                case UNSUBSCRIBE -> ctx.writeAndFlush(MqttMessageBuilders.unsubAck()
                        .packetId(((MqttUnsubscribeMessage) message).variableHeader().messageId()).build());
                default -> Disconnects.disconnect(ctx, counters, ReasonCode.PROTOCOL_ERROR,
                        "unexpected " + message.fixedHeader().messageType() + " from a client");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private MqttMessage subAck(MqttSubscribeMessage subscribe, MqttSession session) {
        MqttMessageBuilders.SubAckBuilder builder = MqttMessageBuilders.subAck()
                .packetId(subscribe.variableHeader().messageId());
        String ownPrefix = VehicleTopic.prefixFor(session.vin());
        for (MqttTopicSubscription subscription : subscribe.payload().topicSubscriptions()) {
            String filter = subscription.topicFilter();
            if (filter.startsWith(ownPrefix)) {
                builder.addGrantedQos(MqttQoS.valueOf(Math.min(1, subscription.qualityOfService().value())));
            } else {
                counters.increment("refused.subscribe-not-authorized");
                builder.addGrantedQos(MqttQoS.FAILURE);
            }
        }
        return builder.build();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            counters.increment("disconnect.idle");
            if (ctx.channel().attr(MqttSession.KEY).get() == null) {
                ctx.close();
            } else {
                Disconnects.disconnect(ctx, counters, ReasonCode.KEEP_ALIVE_TIMEOUT, "keep-alive expired");
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
