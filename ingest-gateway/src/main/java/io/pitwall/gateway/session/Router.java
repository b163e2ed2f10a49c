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
     * What routing one message did: how many sessions it went to, and the connected ones (other than
     * the publisher's) whose queue it filled to the congestion mark, which should hold the publisher back.
     */
    public record Routed(int sessions, List<SessionState> congested) {
    }

    /**
     * Sends a message to every session of the vehicle subscribed to its topic (every session
     * subscribed to it in the development profile), once per session.
     */
    public Routed route(String vin, OutboundMessage message) {
        long now = System.currentTimeMillis();
        int delivered = 0;
        List<SessionState> congested = List.of();
        for (SessionState session : everyone ? sessions.subscribedTo(message.topic()) : sessions.sessionsOf(vin)) {
            OutboundMessage delivery = session.match(message);
            if (delivery != null) {
                // A publisher is never held back by its own queue: while not read, it could not
                // send the acknowledgements that drain it.
                if (session.offer(delivery, now) && !session.clientId().equals(message.publisher())) {
                    if (congested.isEmpty()) {
                        congested = new ArrayList<>(2);
                    }
                    congested.add(session);
                }
                delivered++;
            }
        }
        return new Routed(delivered, congested);
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
