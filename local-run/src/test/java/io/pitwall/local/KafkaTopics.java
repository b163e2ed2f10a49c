package io.pitwall.local;

import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.VehicleTopic;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.gateway.mqtt.InboundRecordFactory;
import io.pitwall.simulators.scenario.VehicleMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test access to the stack's Kafka: simulated vehicles' messages in as the gateway writes them, whole topics out. */
final class KafkaTopics {

    private KafkaTopics() {
    }

    /**
     * Writes each message to {@code telemetry.raw} keyed by VIN as the gateway would have on
     * receiving it when the device sent it: decoded and validated by the gateway's own
     * {@link InboundRecordFactory} with its clock at the message's send time. Calls
     * {@code written} with every record, in order; returns how many were written.
     */
    static long produceAsGateway(String bootstrap, List<VehicleMessage> messages, Consumer<RawRecord> written) {
        SettableClock clock = new SettableClock();
        InboundRecordFactory gateway = new InboundRecordFactory(ContractLimits.defaults(), clock, "sim-gateway");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        AtomicReference<Exception> failure = new AtomicReference<>();
        long count = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (VehicleMessage m : messages) {
                clock.millis = m.emittedAt();
                RawRecord raw = gateway.toRecord(VehicleTopic.parse(m.topic()), m.vin(), m.payload(), null, m.qos());
                producer.send(new ProducerRecord<>(TopicLayout.TOPICS.get("telemetry.raw").name(), raw.vin(), Json.write(raw)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                written.accept(raw);
                count++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("could not write the fleet to telemetry.raw", failure.get());
        }
        return count;
    }

    /** Every value on {@code topic} from its beginning up to its end at the time of the call. */
    static List<byte[]> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!reached(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + ends + " within a minute");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition())) && record.value() != null) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The gateway's clock, set to each message's send time. */
    private static final class SettableClock extends Clock {
        long millis;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
