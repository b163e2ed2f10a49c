package io.pitwall.jobs.output;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.jobs.offers.KeyedBytes;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The job's Kafka sinks. At-least-once: every record carries a deterministic id (the alert id is
 * derived from vehicle, kind and episode start), so a replay or a restore from a checkpoint sends
 * the same records again rather than new ones, and consumers dedupe by id. Exactly-once would
 * make alerts visible only at checkpoints, seconds later, which the latency target rules out.
 */
public final class KafkaOutputs {

    private KafkaOutputs() {
    }

    public static KafkaSink<Alert> alerts(String bootstrap, String topic) {
        return sink(bootstrap, new JsonRecordSerializer<>(topic, Alert::vin));
    }

    public static KafkaSink<HealthPrediction> health(String bootstrap, String topic) {
        return sink(bootstrap, new JsonRecordSerializer<>(topic, HealthPrediction::vin));
    }

    public static KafkaSink<ServiceOffer> offers(String bootstrap, String topic) {
        return sink(bootstrap, new JsonRecordSerializer<>(topic, ServiceOffer::ownerId));
    }

    /** For records the job wrote as JSON already (offer events, notices, dead letters). */
    public static KafkaSink<KeyedBytes> keyedBytes(String bootstrap, String topic) {
        return sink(bootstrap, new KeyedBytesSerializer(topic));
    }

    private static <T> KafkaSink<T> sink(String bootstrap, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "0")
                .setProperty("enable.idempotence", "true")
                .setProperty("acks", "all")
                .build();
    }
}
