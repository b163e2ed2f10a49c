package io.pitwall.offers.owners;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's owners CSV imported into a real, compacted {@code owner.profiles} topic. */
@ExtendWith(RealKafkaExtension.class)
class OwnerProfilePublisherITCase {

    private static final String TOPIC = OwnerProfilePublisher.DEFAULT_TOPIC;

    @Test
    void importedProfilesLandKeyedByOwnerIdOnTheCompactedTopicAndAnErasureIsATombstone(KafkaBroker kafka) throws Exception {
        kafka.createTopic(TOPIC, 2, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        List<OwnerProfile> owners = new OwnersCsvReader(Instant.parse("2026-11-24T02:00:00Z"))
                .read(new StringReader(OwnersCsvReaderTest.SIMULATOR_CSV));

        try (OwnerProfilePublisher publisher = OwnerProfilePublisher.connect(kafka.bootstrapServers(), TOPIC)) {
            publisher.publishAll(owners);
            publisher.erase("OWN-N2000002");
            publisher.flush();
        }

        Map<String, byte[]> latest = new HashMap<>();
        int records = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    latest.put(record.key(), record.value());
                    records++;
                }
            }
        }
        assertThat(records).isEqualTo(3);
        assertThat(Json.read(latest.get("OWN-N2000001"), OwnerProfile.class)).isEqualTo(owners.get(0));
        assertThat(latest).containsKey("OWN-N2000002");
        assertThat(latest.get("OWN-N2000002")).isNull();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaBroker kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "owner-profiles-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
