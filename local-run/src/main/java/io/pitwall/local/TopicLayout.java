package io.pitwall.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka topics of CONTRACTS.md section 2 with the partition counts and settings the local run
 * creates them with. Production sizes partitions for its own load; the names are the contract's.
 */
public final class TopicLayout {

    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    }

    public static final Map<String, TopicSpec> TOPICS = topics();

    private TopicLayout() {
    }

    private static Map<String, TopicSpec> topics() {
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        add(topics, "telemetry.raw", 4, Map.of());
        add(topics, "telemetry.rejected", 2, Map.of());
        add(topics, "vehicle.alerts", 4, Map.of());
        add(topics, "vehicle.health", 4, Map.of());
        // The CRM's latest profile per owner is all that matters: compaction keeps exactly that.
        add(topics, "owner.profiles", 2, Map.of("cleanup.policy", "compact"));
        add(topics, "service.offers", 4, Map.of());
        add(topics, "offer.events", 4, Map.of());
        add(topics, "vehicle.notices", 4, Map.of());
        return Map.copyOf(topics);
    }

    private static void add(Map<String, TopicSpec> topics, String name, int partitions, Map<String, String> configs) {
        topics.put(name, new TopicSpec(name, partitions, configs));
    }
}
