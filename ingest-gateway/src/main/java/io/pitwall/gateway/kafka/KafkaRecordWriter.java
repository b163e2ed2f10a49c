package io.pitwall.gateway.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's one Kafka producer. Writes are durable before they complete (acks=all with
 * idempotence, so the producer's own retries never duplicate a record), and the returned future
 * is what a PUBACK waits for.
 */
public final class KafkaRecordWriter implements RecordWriter, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong failures = new AtomicLong();

    public KafkaRecordWriter(String bootstrapServers, String clientId) {
        this(bootstrapServers, clientId, 30_000);
    }

    /**
     * @param deliveryTimeoutMs how long the producer keeps retrying a record before the write fails
     *                          (and the publish is left unacknowledged for the device to resend)
     */
    public KafkaRecordWriter(String bootstrapServers, String clientId, int deliveryTimeoutMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // send() runs on a Netty event loop: it must not block for long when metadata is missing.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        // The producer requires delivery timeout >= linger + request timeout.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(10_000, deliveryTimeoutMs - 10));
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Completes when Kafka has the record on all in-sync replicas; fails otherwise. */
    @Override
    public CompletableFuture<Void> write(String topic, String key, byte[] value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    failures.incrementAndGet();
                    done.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            done.completeExceptionally(e);
        }
        return done;
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
