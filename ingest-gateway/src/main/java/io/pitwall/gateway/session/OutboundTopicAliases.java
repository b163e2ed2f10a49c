package io.pitwall.gateway.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MQTT 5 topic aliases the gateway sets towards one client, for one network connection (aliases
 * never carry over to the next, MQTT 5 3.3.2.3.4). A topic gets an alias the second time it is
 * sent - one-off topics would only use aliases up - and then travels as an empty topic name plus
 * the alias. When the client's maximum is reached, the least recently used alias is given to the
 * new topic (sent with its name, which remaps it on the client). Used on the connection's event
 * loop, under the session's monitor.
 */
final class OutboundTopicAliases {

    /**
     * The gateway uses at most this many aliases even if the client accepts more: each holds a topic
     * name for the life of the connection, and vehicles use a handful of topics.
     */
    static final int MAX_ALIASES = 64;

    /** How to send one PUBLISH's topic: the alias (0 for none) and whether the name goes too. */
    record Use(int alias, boolean sendTopicName) {
        static final Use NONE = new Use(0, true);
    }

    private final int maximum;
    private final LinkedHashMap<String, Integer> aliasByTopic = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<String, Boolean> seenOnce;
    private int assigned;

    OutboundTopicAliases(int clientMaximum) {
        this.maximum = Math.min(Math.max(clientMaximum, 0), MAX_ALIASES);
        int bound = maximum;
        this.seenOnce = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > bound;
            }
        };
    }

    Use use(String topic) {
        if (maximum == 0) {
            return Use.NONE;
        }
        Integer alias = aliasByTopic.get(topic);
        if (alias != null) {
            return new Use(alias, false);
        }
        if (seenOnce.remove(topic) == null) {
            seenOnce.put(topic, Boolean.TRUE);
            return Use.NONE;
        }
        int number;
        if (assigned < maximum) {
            number = ++assigned;
        } else {
            Map.Entry<String, Integer> leastRecent = aliasByTopic.entrySet().iterator().next();
            number = leastRecent.getValue();
            aliasByTopic.remove(leastRecent.getKey());
        }
        aliasByTopic.put(topic, number);
        return new Use(number, true);
    }
}
