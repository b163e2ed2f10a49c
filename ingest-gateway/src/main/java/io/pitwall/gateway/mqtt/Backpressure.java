package io.pitwall.gateway.mqtt;

import io.netty.channel.Channel;
import io.pitwall.gateway.session.SessionState;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Stops reading connections (autoRead off) whose publishes the gateway cannot take as fast as they
 * come, so TCP pushes back on the device instead of the gateway buffering. A connection is paused
 * for one or more {@link Reason}s and read again once none is left; time spent paused is measured.
 * <ul>
 *   <li>Kafka writes in flight, per connection and across the gateway: reading resumes once the
 *       count falls to half.</li>
 *   <li>The Kafka producer cannot take records right now (buffer full, metadata missing): reading
 *       resumes once it takes them again, checked every {@value #POLL_MILLIS} ms.</li>
 *   <li>A route-only publish (no Kafka write) filled a connected subscriber's queue: reading resumes
 *       once those queues are back under half, checked every {@value #POLL_MILLIS} ms, but after
 *       {@value #SLOW_SUBSCRIBER_MAX_PAUSE_MILLIS} ms at the latest. The cap matters: a paused client
 *       cannot send the PUBACKs that drain its own subscriptions, so two clients publishing to each
 *       other could otherwise hold each other paused for ever.</li>
 * </ul>
 */
public final class Backpressure {

    /** Why a connection is not read. */
    enum Reason {
        KAFKA_IN_FLIGHT, KAFKA_BUSY, SLOW_SUBSCRIBERS;

        final int bit = 1 << ordinal();
    }

    static final long POLL_MILLIS = 10;
    static final long SLOW_SUBSCRIBER_MAX_PAUSE_MILLIS = 1_000;

    private final int maxTotal;
    private final int maxPerConnection;
    private final BooleanSupplier kafkaBusy;
    private final GatewayCounters counters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Channel> paused = ConcurrentHashMap.newKeySet();

    /** @param kafkaBusy true while the Kafka producer has records it could not take yet */
    public Backpressure(int maxTotal, int maxPerConnection, BooleanSupplier kafkaBusy, GatewayCounters counters) {
        this.maxTotal = maxTotal;
        this.maxPerConnection = maxPerConnection;
        this.kafkaBusy = kafkaBusy;
        this.counters = counters;
    }

    /** A write was handed to Kafka; runs on the connection's event loop. */
    public void started(Channel channel, MqttSession session) {
        int total = inFlight.incrementAndGet();
        if (total >= maxTotal) {
            counters.increment("backpressure.paused-global");
            pause(channel, session, Reason.KAFKA_IN_FLIGHT);
        } else if (session.acks().pending() >= maxPerConnection) {
            counters.increment("backpressure.paused-connection");
            pause(channel, session, Reason.KAFKA_IN_FLIGHT);
        }
        if (kafkaBusy.getAsBoolean() && !isPausedFor(session, Reason.KAFKA_BUSY)) {
            counters.increment("backpressure.paused-kafka-busy");
            pauseUntil(channel, session, Reason.KAFKA_BUSY, () -> !kafkaBusy.getAsBoolean(), Long.MAX_VALUE);
        }
    }

    /** A write completed (either way); runs on the connection's event loop. */
    public void finished(Channel channel, MqttSession session) {
        int total = inFlight.decrementAndGet();
        if (isPausedFor(session, Reason.KAFKA_IN_FLIGHT) && session.acks().pending() <= maxPerConnection / 2
                && total < maxTotal) {
            release(channel, session, Reason.KAFKA_IN_FLIGHT);
        }
        if (total <= maxTotal / 2 && !paused.isEmpty()) {
            for (Channel other : paused) {
                if (other != channel) {
                    other.eventLoop().execute(() -> {
                        MqttSession s = other.attr(MqttSession.KEY).get();
                        if (s != null && isPausedFor(s, Reason.KAFKA_IN_FLIGHT)
                                && s.acks().pending() <= maxPerConnection / 2 && inFlight.get() < maxTotal) {
                            release(other, s, Reason.KAFKA_IN_FLIGHT);
                        }
                    });
                }
            }
        }
    }

    /**
     * A route-only publish filled these connected subscribers' queues; runs on the publisher's
     * event loop. Route-only publishes are otherwise acknowledged at once, so without this nothing
     * would slow their publisher down to what the subscribers take.
     */
    public void slowSubscribers(Channel channel, MqttSession session, List<SessionState> congested) {
        if (congested.isEmpty() || isPausedFor(session, Reason.SLOW_SUBSCRIBERS)) {
            return;
        }
        counters.increment("backpressure.paused-slow-subscribers");
        pauseUntil(channel, session, Reason.SLOW_SUBSCRIBERS,
                () -> congested.stream().noneMatch(SessionState::isBackedUp),
                SLOW_SUBSCRIBER_MAX_PAUSE_MILLIS / POLL_MILLIS);
    }

    /** The connection closed: stop tracking it and account for the time it was paused. */
    public void closed(Channel channel, MqttSession session) {
        if (paused.remove(channel) && session.pausedSinceNanos() != 0) {
            counters.backpressure(System.nanoTime() - session.pausedSinceNanos());
        }
        session.pausedSinceNanos(0);
        session.pauseReasons(0);
    }

    /** Pauses for a reason that is checked every {@value #POLL_MILLIS} ms until it clears or maxPolls passed. */
    private void pauseUntil(Channel channel, MqttSession session, Reason reason, BooleanSupplier clear, long maxPolls) {
        pause(channel, session, reason);
        poll(channel, session, reason, clear, maxPolls);
    }

    private void poll(Channel channel, MqttSession session, Reason reason, BooleanSupplier clear, long pollsLeft) {
        channel.eventLoop().schedule(() -> {
            if (!channel.isActive() || !isPausedFor(session, reason)) {
                return;
            }
            if (clear.getAsBoolean() || pollsLeft <= 1) {
                release(channel, session, reason);
            } else {
                poll(channel, session, reason, clear, pollsLeft - 1);
            }
        }, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static boolean isPausedFor(MqttSession session, Reason reason) {
        return (session.pauseReasons() & reason.bit) != 0;
    }

    private void pause(Channel channel, MqttSession session, Reason reason) {
        if (session.pauseReasons() == 0) {
            session.pausedSinceNanos(System.nanoTime());
            paused.add(channel);
            channel.config().setAutoRead(false);
        }
        session.pauseReasons(session.pauseReasons() | reason.bit);
    }

    private void release(Channel channel, MqttSession session, Reason reason) {
        int left = session.pauseReasons() & ~reason.bit;
        session.pauseReasons(left);
        if (left == 0 && session.pausedSinceNanos() != 0) {
            paused.remove(channel);
            counters.backpressure(System.nanoTime() - session.pausedSinceNanos());
            session.pausedSinceNanos(0);
            channel.config().setAutoRead(true);
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int pausedConnections() {
        return paused.size();
    }
}
