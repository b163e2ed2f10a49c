package io.pitwall.jobs.output;

import io.pitwall.contracts.Json;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Writes a contract record as JSON to one Kafka topic, keyed so that one vehicle's (or owner's)
 * records stay in order on one partition, as CONTRACTS section 2 requires.
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RecordKey<T> key;

    public JsonRecordSerializer(String topic, RecordKey<T> key) {
        this.topic = topic;
        this.key = key;
    }

    /**
     * The record's Kafka timestamp is left to the producer (the time of writing), not set to the
     * element's event time: retention and time-based lookups work on Kafka timestamps, and a
     * replayed or late vehicle's week-old event time would make its alerts expire on arrival. The
     * event time is in the payload ({@code eventTime}, {@code asOf}).
     */
    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, null,
                key.apply(element).getBytes(StandardCharsets.UTF_8), Json.write(element));
    }
}
