package io.pitwall.offers.owners;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.owners.OwnerProfile;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes owner profiles to the compacted {@code owner.profiles} topic, keyed by owner id, so the
 * latest profile per owner is what every consumer (the offer policy) reads. A send failure is kept
 * and rethrown by {@link #flush()}: nothing is reported as imported that Kafka did not take.
 */
public final class OwnerProfilePublisher implements AutoCloseable {

    public static final String DEFAULT_TOPIC = "owner.profiles";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public OwnerProfilePublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** A publisher with its own idempotent producer ({@code acks=all}). */
    public static OwnerProfilePublisher connect(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "pitwall-owner-import");
        return new OwnerProfilePublisher(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), topic);
    }

    public void publish(OwnerProfile profile) {
        send(profile.ownerId(), Json.write(profile));
    }

    /**
     * Writes a tombstone: once compacted, the owner's profile is gone from the topic, which is how an
     * erasure request (PIPL) reaches the offer system.
     */
    public void erase(String ownerId) {
        send(ownerId, null);
    }

    /** Publishes all and waits until Kafka has every one. */
    public void publishAll(Collection<OwnerProfile> profiles) {
        profiles.forEach(this::publish);
        flush();
    }

    /** Waits for every send so far; throws if any of them failed. */
    public void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Kafka did not take every owner profile for " + topic + ": " + failure.getMessage(), failure);
        }
    }

    private void send(String ownerId, byte[] value) {
        Objects.requireNonNull(ownerId, "ownerId");
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("an earlier owner profile could not be written to " + topic, failure);
        }
        producer.send(new ProducerRecord<>(topic, ownerId, value), (metadata, e) -> {
            if (e != null) {
                firstFailure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
