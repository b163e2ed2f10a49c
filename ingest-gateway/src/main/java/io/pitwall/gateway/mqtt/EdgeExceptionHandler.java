package io.pitwall.gateway.mqtt;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.handler.codec.DecoderException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.SocketException;

/**
 * Last in every pipeline: closes the connection on any exception that reached it. Resets and
 * broken pipes are what mobile networks do, so they are only counted; anything else is logged.
 */
@ChannelHandler.Sharable
public final class EdgeExceptionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeExceptionHandler.class);

    private final GatewayCounters counters;

    public EdgeExceptionHandler(GatewayCounters counters) {
        this.counters = counters;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SocketException || (cause instanceof IOException && isReset(cause))) {
            counters.increment("connection.reset");
        } else if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            // Plain MQTT on the TLS port, an untrusted certificate, an old TLS version: routine on the internet.
            counters.increment("connection.tls-failed");
            LOG.info("Closing {}: TLS handshake failed ({})", ctx.channel().remoteAddress(), cause.getCause().getMessage());
        } else {
            counters.increment("connection.error");
            LOG.warn("Closing {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private static boolean isReset(Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        return m.contains("Connection reset") || m.contains("Broken pipe");
    }
}
