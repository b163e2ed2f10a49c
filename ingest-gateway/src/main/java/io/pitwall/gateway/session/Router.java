package io.pitwall.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers messages to the sessions whose subscriptions match, and keeps retained messages. Every
 * topic a vehicle may use lies under its own {@code v1/vehicles/{vin}/} prefix, so only that
 * vehicle's sessions are candidates: routing costs a map lookup, not a scan of every session.
 */
public final class Router {

    private final SessionStore sessions;
    private final boolean everyone;
    private final Map<String, Map<String, OutboundMessage>> retainedByVin = new ConcurrentHashMap<>();

    /** Production routing: a vehicle's messages reach only that vehicle's sessions. */
    public Router(SessionStore sessions) {
        this(sessions, false);
    }

    /**
     * @param everyone the insecure development profile: any client may subscribe to anything, so
     *                 every session is a candidate and retained messages live in one space
     */
    public Router(SessionStore sessions, boolean everyone) {
        this.sessions = sessions;
        this.everyone = everyone;
    }

    /**
     * Sends a message to every session of the vehicle subscribed to its topic (every session at
     * all in the development profile), once per session; returns how many sessions it went to.
     */
    public int route(String vin, OutboundMessage message) {
        long now = System.currentTimeMillis();
        int delivered = 0;
        for (SessionState session : everyone ? sessions.all() : sessions.sessionsOf(vin)) {
            OutboundMessage delivery = session.match(message);
            if (delivery != null) {
                session.offer(delivery, now);
                delivered++;
            }
        }
        return delivered;
    }

    private String space(String vin) {
        return everyone || vin == null ? "" : vin;
    }

    /** Stores (or with an empty payload, clears) the retained message of a topic. */
    public void retain(String vin, OutboundMessage message) {
        String key = space(vin);
        if (message.payload().length == 0) {
            retainedByVin.computeIfPresent(key, (v, byTopic) -> {
                byTopic.remove(message.topic());
                return byTopic.isEmpty() ? null : byTopic;
            });
        } else {
            retainedByVin.computeIfAbsent(key, v -> new ConcurrentHashMap<>()).put(message.topic(), message);
        }
    }

    /** Retained messages of the vehicle matching a new subscription's filter. */
    public List<OutboundMessage> retainedMatching(String vin, String filter) {
        Map<String, OutboundMessage> byTopic = retainedByVin.get(space(vin));
        if (byTopic == null) {
            return List.of();
        }
        List<OutboundMessage> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        byTopic.values().forEach(m -> {
            if (!m.expired(now) && TopicFilters.matches(filter, m.topic())) {
                out.add(m);
            }
        });
        return out;
    }

    public int retainedCount() {
        return retainedByVin.values().stream().mapToInt(Map::size).sum();
    }
}
