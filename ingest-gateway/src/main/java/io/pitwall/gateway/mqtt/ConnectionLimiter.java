package io.pitwall.gateway.mqtt;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * First in every pipeline: counts open connections and new connections per source address. A
 * connection over a limit is not closed at once: it is marked, and its CONNECT is answered with
 * the matching CONNACK code (server busy, connection rate exceeded), so the client learns why; the
 * connect timeout bounds how long such a connection can be held.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    /** Why this connection will be refused at CONNECT; absent when it is within the limits. */
    public enum Refusal { TOO_MANY_CONNECTIONS, CONNECTION_RATE }

    public static final AttributeKey<Refusal> REFUSAL = AttributeKey.valueOf("pitwall.refusal");

    private final int maxConnections;
    private final int perIpPerSecond;
    private final GatewayCounters counters;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, TokenBucket> perIp = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxConnections, int perIpPerSecond, GatewayCounters counters) {
        this.maxConnections = maxConnections;
        this.perIpPerSecond = perIpPerSecond;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        int now = open.incrementAndGet();
        counters.increment("connection.opened");
        if (now > maxConnections) {
            ctx.channel().attr(REFUSAL).set(Refusal.TOO_MANY_CONNECTIONS);
        } else if (!admitFrom(ctx.channel().remoteAddress())) {
            ctx.channel().attr(REFUSAL).set(Refusal.CONNECTION_RATE);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }

    private boolean admitFrom(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return true;
        }
        TokenBucket bucket = perIp.computeIfAbsent(inet.getAddress(),
                a -> new TokenBucket(perIpPerSecond, perIpPerSecond, System.nanoTime()));
        synchronized (bucket) {
            return bucket.tryTake(1, System.nanoTime());
        }
    }

    /** Forgets addresses whose bucket has refilled, so the map does not grow with every address ever seen. */
    public void sweep() {
        long now = System.nanoTime();
        perIp.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isFull(now);
            }
        });
    }

    public int openConnections() {
        return open.get();
    }
}
