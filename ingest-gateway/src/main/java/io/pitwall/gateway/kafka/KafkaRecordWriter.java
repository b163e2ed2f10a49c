package io.pitwall.gateway.kafka;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's one Kafka producer. Writes are durable before they complete (acks=all with
 * idempotence, so the producer's own retries never duplicate a record), and the returned future
 * is what a PUBACK waits for.
 *
 * <p>{@link #write} runs on Netty event loops and never blocks them. The producer's {@code send}
 * would wait up to {@code max.block.ms} when its buffer is full or a topic's metadata is missing
 * (Kafka down at startup), stalling every connection of that event loop. Here
 * {@code max.block.ms} is 0, so {@code send} refuses at once instead; the refused record goes to
 * the end of a FIFO backlog that one timer thread offers to the producer again every
 * {@value #RETRY_MILLIS} ms, and while that backlog is not empty every new record queues behind it,
 * so each connection's records still reach Kafka in the order they arrived. {@link #backlogged()}
 * lets {@code Backpressure} stop reading the connections that write meanwhile. Nothing waiting is
 * acknowledged, and nothing is dropped silently: a record the producer has not taken within the
 * delivery timeout fails like one Kafka did not acknowledge, and the device resends it.
 *
 * <p>Why not hand every send to a dedicated thread instead: that would add a thread hop and a
 * queue to every publish while Kafka is healthy, funnel all event loops through one thread, and a
 * full buffer would still block that thread and need turning into backpressure. Refusing at once
 * costs nothing until the producer is actually full, and the retry thread only ever works then.
 */
public final class KafkaRecordWriter implements RecordWriter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRecordWriter.class);
    static final long RETRY_MILLIS = 5;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** A record and the future its publish's acknowledgement waits for. */
    private record Pending(ProducerRecord<String, byte[]> record, CompletableFuture<Void> done, long sinceNanos) {
    }

    private final Producer<String, byte[]> producer;
    private final long deliveryTimeoutMs;
    private final ScheduledExecutorService retries;
    private final Queue<Pending> backlog = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastRefusalLogNanos = System.nanoTime() - LOG_INTERVAL_NANOS;

    public KafkaRecordWriter(String bootstrapServers, String clientId) {
        this(bootstrapServers, clientId, 30_000);
    }

    /**
     * @param deliveryTimeoutMs how long the producer keeps retrying a record before the write fails
     *                          (and the publish is left unacknowledged for the device to resend); a
     *                          record the producer could not even take within this time fails too
     */
    public KafkaRecordWriter(String bootstrapServers, String clientId, int deliveryTimeoutMs) {
        this(new KafkaProducer<>(producerConfig(bootstrapServers, clientId, deliveryTimeoutMs), new StringSerializer(),
                new ByteArraySerializer()), deliveryTimeoutMs, Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "pitwall-kafka-retry");
                    t.setDaemon(true);
                    return t;
                }));
    }

    /** @param retries a single-threaded scheduler: the backlog has one consumer, which keeps it in order */
    KafkaRecordWriter(Producer<String, byte[]> producer, int deliveryTimeoutMs, ScheduledExecutorService retries) {
        this.producer = producer;
        this.deliveryTimeoutMs = deliveryTimeoutMs;
        this.retries = retries;
    }

    static Properties producerConfig(String bootstrapServers, String clientId, int deliveryTimeoutMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Measured on 2 cores (docs/benchmarks.md): lz4 costs the gateway and the broker together
        // less CPU per record than none (the broker writes 4-5 times the bytes) or zstd; a longer
        // linger saves a little CPU at full load but adds its wait to every PUBACK's latency.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // send() runs on Netty event loops: it must never wait (see the class comment).
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        // The producer requires delivery timeout >= linger + request timeout.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(10_000, deliveryTimeoutMs - 10));
        return p;
    }

    /** Completes when Kafka has the record on all in-sync replicas; fails otherwise. Never blocks. */
    @Override
    public CompletableFuture<Void> write(String topic, String key, byte[] value) {
        Pending pending = new Pending(new ProducerRecord<>(topic, key, value), new CompletableFuture<>(),
                System.nanoTime());
        if (!backlog.isEmpty() || !handOver(pending)) {
            backlog.add(pending);
            scheduleRetry();
        }
        return pending.done();
    }

    /**
     * Asks for the topics' metadata now, so the first publishes after a start do not find it
     * missing and wait in the backlog. Returns at once (max.block.ms is 0); the fetch goes on in the
     * producer's own thread.
     */
    public void prefetchMetadata(String... topics) {
        for (String topic : topics) {
            try {
                producer.partitionsFor(topic);
            } catch (KafkaException expected) {
                // Not there yet: the request is made, which is all this is for.
            }
        }
    }

    @Override
    public boolean backlogged() {
        return !backlog.isEmpty();
    }

    /** Records waiting for the producer to take them. */
    public int backlogSize() {
        return backlog.size();
    }

    /**
     * Offers a record to the producer: true if it took it (or failed it for good; the future says
     * which), false if it cannot take it right now.
     */
    private boolean handOver(Pending pending) {
        Attempt attempt = new Attempt(pending);
        try {
            producer.send(pending.record(), attempt);
        } catch (TimeoutException e) {
            // A client that throws where KafkaProducer calls back (MockProducer does).
            attempt.refused = e;
        } catch (RuntimeException e) {
            settle(pending, e);
            return true;
        } finally {
            attempt.inSend = false;
        }
        if (attempt.refused != null) {
            logRefused(attempt.refused);
            return false;
        }
        return true;
    }

    /**
     * The send callback. KafkaProducer reports "cannot take it now" (buffer full, metadata not
     * there within max.block.ms) by calling back with a TimeoutException from inside send() on the
     * caller's thread; any other completion is the record's real outcome.
     */
    private final class Attempt implements Callback {
        private final Pending pending;
        private final Thread caller = Thread.currentThread();
        private boolean inSend = true;
        private TimeoutException refused;

        Attempt(Pending pending) {
            this.pending = pending;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (error instanceof TimeoutException timeout && inSend && Thread.currentThread() == caller) {
                refused = timeout;
                return;
            }
            settle(pending, error);
        }
    }

    private void settle(Pending pending, Exception error) {
        if (error == null) {
            pending.done().complete(null);
        } else {
            failures.incrementAndGet();
            pending.done().completeExceptionally(error);
        }
    }

    private void scheduleRetry() {
        if (retryScheduled.compareAndSet(false, true)) {
            try {
                retries.schedule(this::retryBacklog, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closed: nothing will retry, so nothing may be left waiting.
                retryScheduled.set(false);
                failBacklog();
            }
        }
    }

    /** Offers the backlog to the producer in order, until it refuses again; runs on the retry thread. */
    private void retryBacklog() {
        retryScheduled.set(false);
        long now = System.nanoTime();
        for (Pending head; (head = backlog.peek()) != null; ) {
            if (now - head.sinceNanos() >= TimeUnit.MILLISECONDS.toNanos(deliveryTimeoutMs)) {
                // Out of the backlog before its write fails: whoever the failure wakes must not
                // still find it waiting (backlogged() would say true).
                backlog.poll();
                settle(head, new TimeoutException("the Kafka producer could not take the record within the delivery"
                        + " timeout of " + deliveryTimeoutMs + " ms (its buffer stayed full or the topic's metadata"
                        + " missing)"));
                continue;
            }
            // The head stays in the backlog while it is offered, so new records keep queuing behind it.
            if (!handOver(head)) {
                scheduleRetry();
                return;
            }
            backlog.poll();
        }
    }

    private void logRefused(TimeoutException why) {
        long now = System.nanoTime();
        if (now - lastRefusalLogNanos >= LOG_INTERVAL_NANOS) {
            lastRefusalLogNanos = now;
            LOG.warn("The Kafka producer cannot take records right now ({}); they wait in order, unacknowledged, and"
                    + " connections that write are not read until it takes them again. Logged at most once a minute;"
                    + " pitwall_gateway_kafka_backlog shows how many wait", why.getMessage());
        }
    }

    private void failBacklog() {
        for (Pending p; (p = backlog.poll()) != null; ) {
            settle(p, new KafkaException("the gateway shut down before the Kafka producer took the record"));
        }
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        try {
            // The retry thread is the backlog's only consumer while it runs.
            retries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failBacklog();
        producer.close(Duration.ofSeconds(10));
    }
}
