package io.pitwall.gateway.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sessions hold a filter that can match a topic, for the development profile, where any
 * client may subscribe to anything: routing asks only these instead of every session on the node.
 * Filters without wildcards are looked up by the topic itself; sessions holding a wildcard filter
 * are always asked (they are few in practice: tools like {@code mosquitto_sub -t '#'}). Each
 * session still decides the exact match, QoS and options itself ({@link SessionState#match}).
 * Thread-safe: sessions subscribe on their event loops while others route.
 */
final class SubscriptionIndex {

    private final Map<String, Set<SessionState>> byExactFilter = new ConcurrentHashMap<>();
    /** Sessions holding at least one wildcard filter, with how many they hold. */
    private final Map<SessionState, Integer> wildcardHolders = new ConcurrentHashMap<>();

    void added(SessionState session, String filter) {
        if (hasWildcard(filter)) {
            wildcardHolders.merge(session, 1, Integer::sum);
        } else {
            byExactFilter.computeIfAbsent(filter, f -> ConcurrentHashMap.newKeySet()).add(session);
        }
    }

    void removed(SessionState session, String filter) {
        if (hasWildcard(filter)) {
            wildcardHolders.computeIfPresent(session, (s, n) -> n > 1 ? n - 1 : null);
        } else {
            byExactFilter.computeIfPresent(filter, (f, holders) -> {
                holders.remove(session);
                return holders.isEmpty() ? null : holders;
            });
        }
    }

    /** Sessions that may have a subscription matching the topic, each once. */
    Collection<SessionState> candidates(String topic) {
        Set<SessionState> exact = byExactFilter.get(topic);
        if (wildcardHolders.isEmpty()) {
            return exact == null ? List.of() : exact;
        }
        if (exact == null) {
            return wildcardHolders.keySet();
        }
        List<SessionState> both = new ArrayList<>(exact);
        for (SessionState s : wildcardHolders.keySet()) {
            if (!exact.contains(s)) {
                both.add(s);
            }
        }
        return both;
    }

    private static boolean hasWildcard(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }
}
