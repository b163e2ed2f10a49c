package io.pitwall.gateway.session;

import io.netty.channel.Channel;
import io.pitwall.gateway.mqtt.GatewayCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The MQTT sessions this gateway node holds, by client id and by VIN. Sessions live in memory:
 * a persistent session survives its connection (until its expiry) but not a restart of the node
 * (see docs/gateway.md for what that means with several nodes).
 */
public final class SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    /** The result of a CONNECT: the session to use, whether it existed, and a connection it took over. */
    public record Attached(SessionState session, boolean sessionPresent, Channel previousChannel) {
    }

    private final Map<String, SessionState> byClientId = new ConcurrentHashMap<>();
    private final Map<String, Set<SessionState>> byVin = new ConcurrentHashMap<>();
    private final SubscriptionIndex subscriptions = new SubscriptionIndex();
    private final int maxQueued;
    private final GatewayCounters counters;
    private final Consumer<String> dropLines;

    public SessionStore(int maxQueued, GatewayCounters counters) {
        this(maxQueued, counters, DropLog.LOG::warn);
    }

    /** @param dropLines where the (rate-limited) lines about dropped outbound messages go */
    public SessionStore(int maxQueued, GatewayCounters counters, Consumer<String> dropLines) {
        this.maxQueued = maxQueued;
        this.counters = counters;
        this.dropLines = dropLines;
    }

    /**
     * Binds a client id to a new connection. A clean start discards the old session; otherwise
     * the old one is resumed. Either way a connection still holding the client id is returned to
     * be closed (session takeover), and a will the old connection left pending is cancelled.
     */
    public Attached attach(String clientId, String vin, boolean cleanStart, Channel channel, ClientLimits client) {
        List<Runnable> wills = new ArrayList<>();
        Attached attached;
        synchronized (this) {
            attached = attachLocked(clientId, vin, cleanStart, channel, client, wills);
        }
        wills.forEach(Runnable::run);
        return attached;
    }

    private Attached attachLocked(String clientId, String vin, boolean cleanStart, Channel channel,
                                  ClientLimits client, List<Runnable> wills) {
        long now = System.currentTimeMillis();
        SessionState existing = byClientId.get(clientId);
        Channel previous = null;
        if (existing != null) {
            synchronized (existing) {
                previous = existing.isOnline() ? currentChannel(existing) : null;
            }
            if (cleanStart || (existing.expiredOffline(now) && previous == null)) {
                discard(existing, "clean start", wills);
                existing = null;
            }
        }
        boolean present = existing != null;
        SessionState session = present ? existing : new SessionState(clientId, vin, maxQueued, counters, dropLines,
                subscriptions);
        Runnable cancelledWill = session.attach(channel, client);
        if (cancelledWill != null) {
            counters.increment("will.cancelled-by-reconnect");
        }
        byClientId.put(clientId, session);
        byVin.computeIfAbsent(vin, v -> ConcurrentHashMap.newKeySet()).add(session);
        return new Attached(session, present, previous);
    }

    private static Channel currentChannel(SessionState s) {
        return s.channelForStore();
    }

    /**
     * The connection ended. A session with expiry 0 ends now; any other stays until it expires.
     * Returns false if the session had already moved to another connection.
     */
    public boolean detach(SessionState session, Channel channel) {
        List<Runnable> wills = new ArrayList<>();
        synchronized (this) {
            if (!session.detach(channel, System.currentTimeMillis())) {
                return false;
            }
            if (session.expiryIntervalSeconds() == 0) {
                discard(session, "session expiry 0", wills);
            }
        }
        wills.forEach(Runnable::run);
        return true;
    }

    /** Ends every offline session whose expiry has passed; returns how many. */
    public int sweepExpired(long nowMillis) {
        List<Runnable> wills = new ArrayList<>();
        int count = 0;
        synchronized (this) {
            for (SessionState s : new ArrayList<>(byClientId.values())) {
                if (s.expiredOffline(nowMillis)) {
                    discard(s, "expired", wills);
                    count++;
                }
            }
        }
        wills.forEach(Runnable::run);
        return count;
    }

    /** Ends a session; a will it left pending is added to {@code wills}, to be run once the lock is released. */
    private void discard(SessionState session, String why, List<Runnable> wills) {
        byClientId.remove(session.clientId(), session);
        Set<SessionState> ofVin = byVin.get(session.vin());
        if (ofVin != null) {
            ofVin.remove(session);
            if (ofVin.isEmpty()) {
                byVin.remove(session.vin(), ofVin);
            }
        }
        session.leaveIndex();
        counters.increment("session.ended");
        LOG.debug("Session {} ended: {}", session.clientId(), why);
        Runnable will = session.takePendingWill();
        if (will != null) {
            // The session ends before the will delay passed: MQTT 5 sends the will now.
            wills.add(will);
        }
    }

    /** Logs the outbound drops each session has not reported yet, where its log interval has passed. */
    public void reportDrops(long nowMillis) {
        for (SessionState s : byClientId.values()) {
            s.reportDrops(nowMillis);
        }
    }

    /** Sessions of the client ids belonging to one vehicle ({@code VIN} and {@code VIN:suffix}). */
    public Collection<SessionState> sessionsOf(String vin) {
        Set<SessionState> s = byVin.get(vin);
        return s == null ? List.of() : s;
    }

    /**
     * The sessions that may hold a subscription matching the topic (development profile routing,
     * where anyone may subscribe to anything); each decides the exact match itself.
     */
    public Collection<SessionState> subscribedTo(String topic) {
        return subscriptions.candidates(topic);
    }

    public SessionState find(String clientId) {
        return byClientId.get(clientId);
    }

    public int size() {
        return byClientId.size();
    }
}
