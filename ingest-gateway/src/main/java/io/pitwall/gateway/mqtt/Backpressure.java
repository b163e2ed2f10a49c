package io.pitwall.gateway.mqtt;

import io.netty.channel.Channel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the Kafka writes in flight, per connection and across the gateway. When either bound is
 * reached the connection that wrote stops being read (autoRead off), so TCP pushes back on the
 * device instead of the gateway buffering; reading resumes once the count falls to half. Time spent
 * paused is measured.
 */
public final class Backpressure {

    private final int maxTotal;
    private final int maxPerConnection;
    private final GatewayCounters counters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Channel> paused = ConcurrentHashMap.newKeySet();

    public Backpressure(int maxTotal, int maxPerConnection, GatewayCounters counters) {
        this.maxTotal = maxTotal;
        this.maxPerConnection = maxPerConnection;
        this.counters = counters;
    }

    /** A write was handed to Kafka; runs on the connection's event loop. */
    public void started(Channel channel, MqttSession session) {
        int total = inFlight.incrementAndGet();
        if (total >= maxTotal) {
            counters.increment("backpressure.paused-global");
            pause(channel, session);
        } else if (session.acks().pending() >= maxPerConnection) {
            counters.increment("backpressure.paused-connection");
            pause(channel, session);
        }
    }

    /** A write completed (either way); runs on the connection's event loop. */
    public void finished(Channel channel, MqttSession session) {
        int total = inFlight.decrementAndGet();
        if (session.pausedSinceNanos() != 0 && session.acks().pending() <= maxPerConnection / 2 && total < maxTotal) {
            resume(channel, session);
        }
        if (total <= maxTotal / 2 && !paused.isEmpty()) {
            for (Channel other : paused) {
                if (other != channel) {
                    other.eventLoop().execute(() -> {
                        MqttSession s = other.attr(MqttSession.KEY).get();
                        if (s != null && s.pausedSinceNanos() != 0 && s.acks().pending() <= maxPerConnection / 2
                                && inFlight.get() < maxTotal) {
                            resume(other, s);
                        }
                    });
                }
            }
        }
    }

    /** The connection closed: stop tracking it and account for the time it was paused. */
    public void closed(Channel channel, MqttSession session) {
        if (paused.remove(channel) && session.pausedSinceNanos() != 0) {
            counters.backpressure(System.nanoTime() - session.pausedSinceNanos());
            session.pausedSinceNanos(0);
        }
    }

    private void pause(Channel channel, MqttSession session) {
        if (session.pausedSinceNanos() == 0) {
            session.pausedSinceNanos(System.nanoTime());
            paused.add(channel);
            channel.config().setAutoRead(false);
        }
    }

    private void resume(Channel channel, MqttSession session) {
        paused.remove(channel);
        counters.backpressure(System.nanoTime() - session.pausedSinceNanos());
        session.pausedSinceNanos(0);
        channel.config().setAutoRead(true);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int pausedConnections() {
        return paused.size();
    }
}
