package io.pitwall.jobs.offers;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka deserializer for the offer job's inputs. Every topic it reads is written by Pitwall or
 * the CRM import, so a record that does not parse means a foreign writer or a schema change: it
 * is logged with its position and counted ({@code offerInputsUnreadable}), and the job goes on.
 */
abstract class SkippingDeserializer<T> implements KafkaRecordDeserializationSchema<T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SkippingDeserializer.class);

    private final Class<T> type;
    private transient Counter unreadable;

    SkippingDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        unreadable = context.getMetricGroup().counter("offerInputsUnreadable");
    }

    @Override
    public final void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        try {
            read(record, out);
        } catch (RuntimeException e) {
            if (unreadable != null) {
                unreadable.inc();
            }
            LOG.warn("Skipping unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    /** Emits what the record holds, or nothing if it is of no interest; throws if it is unreadable. */
    abstract void read(ConsumerRecord<byte[], byte[]> record, Collector<T> out);

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
