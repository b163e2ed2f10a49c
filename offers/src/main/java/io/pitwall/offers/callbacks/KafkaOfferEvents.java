package io.pitwall.offers.callbacks;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.OfferEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The callback server's listener in production: writes each verified channel reply to
 * {@code offer.events}, keyed by owner id, and returns only once Kafka has it - so the channel gets
 * its 202 only for a reply that is stored, and a 503 (and retries) for one that is not.
 */
public final class KafkaOfferEvents implements CallbackListener, AutoCloseable {

    public static final String DEFAULT_TOPIC = "offer.events";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;

    public KafkaOfferEvents(Producer<String, byte[]> producer, String topic, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.timeout = timeout;
    }

    /** With its own idempotent producer ({@code acks=all}); a reply waits at most {@code timeout} for Kafka. */
    public static KafkaOfferEvents connect(String bootstrapServers, String topic, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(timeout.toMillis(), 1_000));
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) millis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                ProducerConfig.CLIENT_ID_CONFIG, "pitwall-offer-callbacks");
        return new KafkaOfferEvents(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), topic, timeout);
    }

    @Override
    public void accept(OfferEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, event.ownerId(), Json.write(event))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
