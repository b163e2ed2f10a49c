package io.pitwall.gateway.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that ends a connection because of something the client did. MQTT 5 clients get a
 * DISCONNECT with a reason code and reason string first; 3.1.1 has no such packet, so the socket
 * is just closed. Each cause is logged and counted, once per connection.
 */
public final class Disconnects {

    private static final Logger LOG = LoggerFactory.getLogger(Disconnects.class);
    private static final AttributeKey<Boolean> DISCONNECTING = AttributeKey.valueOf("pitwall.disconnecting");

    private Disconnects() {
    }

    public static void disconnect(ChannelHandlerContext ctx, GatewayCounters counters, ReasonCode reason,
                                  String why) {
        if (ctx.channel().attr(DISCONNECTING).setIfAbsent(Boolean.TRUE) != null) {
            // Already on its way out (e.g. the rest of a burst that broke a limit): one answer, one count.
            return;
        }
        ctx.channel().config().setAutoRead(false);
        counters.increment("disconnect." + reason.name().toLowerCase());
        MqttSession session = ctx.channel().attr(MqttSession.KEY).get();
        String who = session == null ? String.valueOf(ctx.channel().remoteAddress()) : session.clientId();
        LOG.info("Disconnecting {}: {} ({})", who, why, reason);
        if (session != null && session.isMqtt5() && ctx.channel().isActive()) {
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(
                    MqttProperties.MqttPropertyType.REASON_STRING.value(), truncate(why)));
            ctx.writeAndFlush(MqttMessageBuilders.disconnect().reasonCode(reason.value()).properties(props).build())
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** True once the gateway decided to end this connection: packets still arriving are not acted on. */
    static boolean isDisconnecting(Channel channel) {
        return channel.attr(DISCONNECTING).get() != null;
    }

    static String truncate(String why) {
        return why.length() <= 200 ? why : why.substring(0, 200);
    }
}
