package io.pitwall.localservices;

import static io.pitwall.localservices.ProcessAssertions.assertGoneWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerITCase {

    private static final Duration SOON = Duration.ofSeconds(30);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(TestDirectories.fresh("KafkaBrokerITCase"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void producesWithAcksAllAndIdempotenceAndConsumesTheRecordBack() throws Exception {
        broker.createTopic("telemetry", 3, Map.of("retention.ms", "3600000"));

        RecordMetadata written = produce(broker, "telemetry", "VIN0001", "{\"speed\":42}");

        assertThat(written.topic()).isEqualTo("telemetry");
        assertThat(consume(broker, "telemetry", 1))
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.key()).isEqualTo("VIN0001");
                    assertThat(record.value()).isEqualTo("{\"speed\":42}");
                });
    }

    @Test
    void createTopicIsIdempotent() {
        broker.createTopic("twice", 2, Map.of());
        broker.createTopic("twice", 2, Map.of());
    }

    @Test
    void restartKeepsTheDataAndThePorts() throws Exception {
        broker.createTopic("survives-restart", 1, Map.of());
        produce(broker, "survives-restart", "k", "before restart");
        String bootstrap = broker.bootstrapServers();
        long oldPid = broker.pid();

        broker.restart();

        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(broker.pid()).isNotEqualTo(oldPid);
        assertGoneWithin(oldPid, Duration.ofSeconds(5));
        assertThat(consume(broker, "survives-restart", 1)).extracting(ConsumerRecord::value).containsExactly("before restart");
    }

    @Test
    void killedBrokerComesBackWithItsData() throws Exception {
        broker.createTopic("survives-crash", 1, Map.of());
        produce(broker, "survives-crash", "k", "before crash");
        long oldPid = broker.pid();

        broker.kill();
        assertThat(broker.isRunning()).isFalse();
        assertGoneWithin(oldPid, Duration.ofSeconds(5));
        broker.restart();

        assertThat(consume(broker, "survives-crash", 1)).extracting(ConsumerRecord::value).containsExactly("before crash");
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        Optional<InetAddress> other = Loopback.otherAddress();
        assumeTrue(other.isPresent(), "this machine has no address besides loopback");

        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(Loopback.accepts(InetAddress.getLoopbackAddress(), broker.port())).isTrue();
        assertThat(Loopback.accepts(other.get(), broker.port())).isFalse();
    }

    @Test
    void stopLeavesNoProcessAndCanBeRepeated() throws Exception {
        KafkaBroker own = KafkaBroker.start(TestDirectories.fresh("KafkaBrokerITCase-stop"));
        long pid = own.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);

        own.stop();

        assertThat(own.isRunning()).isFalse();
        assertGoneWithin(pid, Duration.ofSeconds(1));
        own.stop();
        own.close();
    }

    private static RecordMetadata produce(KafkaBroker broker, String topic, String key, String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(KafkaBroker broker, String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + SOON.toNanos();
            while (records.size() < expected && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
