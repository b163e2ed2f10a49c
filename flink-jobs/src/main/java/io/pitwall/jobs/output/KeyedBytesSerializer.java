package io.pitwall.jobs.output;

import io.pitwall.jobs.offers.KeyedBytes;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes records that are already JSON to one topic, with their key. */
public final class KeyedBytesSerializer implements KafkaRecordSerializationSchema<KeyedBytes> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public KeyedBytesSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KeyedBytes element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, null, element.key.getBytes(StandardCharsets.UTF_8), element.value);
    }
}
