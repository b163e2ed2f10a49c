package io.pitwall.gateway.kafka;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writer never blocks its caller: records the producer cannot take yet wait in order, are
 * handed over once it can, are never completed before Kafka acknowledged them, and fail (never
 * vanish) if the producer does not take them within the delivery timeout.
 */
class KafkaRecordWriterTest {

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();

    /** Behaves like KafkaProducer with max.block.ms 0 and a full buffer: calls back from inside send(). */
    private static final class FullProducer extends MockProducer<String, byte[]> {
        volatile boolean full;

        FullProducer() {
            super(false, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (full) {
                BufferExhaustedException e = new BufferExhaustedException("Failed to allocate memory within the"
                        + " configured max blocking time 0 ms.");
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
            return super.send(record, callback);
        }
    }

    @AfterEach
    void stop() {
        retries.shutdownNow();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void neverLetsTheProducerBlockItsCaller() {
        assertThat(KafkaRecordWriter.producerConfig("k:9092", "gw", 30_000).get(ProducerConfig.MAX_BLOCK_MS_CONFIG))
                .isEqualTo(0);
    }

    @Test
    void recordsTheProducerCannotTakeWaitInOrderAndGoOnceItCan() throws Exception {
        FullProducer producer = new FullProducer();
        KafkaRecordWriter writer = new KafkaRecordWriter(producer, 30_000, retries);
        producer.full = true;
        CompletableFuture<Void> first = writer.write("telemetry.raw", "VIN", bytes("1"));
        assertThat(writer.backlogged()).isTrue();
        producer.full = false;
        // The producer could take this one now, but it must not overtake the first.
        CompletableFuture<Void> second = writer.write("telemetry.raw", "VIN", bytes("2"));
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        await(() -> producer.history().size() == 2);
        assertThat(producer.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("1", "2");
        assertThat(writer.backlogged()).isFalse();
        assertThat(first).as("taken, but not yet acknowledged by Kafka").isNotDone();

        producer.completeNext();
        producer.completeNext();
        first.get();
        second.get();
        assertThat(writer.failures()).isZero();
    }

    @Test
    void aProducerThatThrowsWhenFullIsTreatedTheSame() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaRecordWriter writer = new KafkaRecordWriter(producer, 30_000, retries);
        producer.sendException = new BufferExhaustedException("full");
        CompletableFuture<Void> write = writer.write("telemetry.raw", "VIN", bytes("1"));
        Thread.sleep(3 * KafkaRecordWriter.RETRY_MILLIS);
        assertThat(write).isNotDone();
        producer.sendException = null;
        write.get();
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aRecordTheProducerDoesNotTakeWithinTheDeliveryTimeoutFails() {
        FullProducer producer = new FullProducer();
        producer.full = true;
        KafkaRecordWriter writer = new KafkaRecordWriter(producer, 50, retries);
        CompletableFuture<Void> write = writer.write("telemetry.raw", "VIN", bytes("1"));
        assertThatThrownBy(write::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class).hasMessageContaining("delivery timeout of 50 ms");
        assertThat(writer.failures()).isEqualTo(1);
        assertThat(writer.backlogged()).isFalse();
    }

    @Test
    void otherSendErrorsFailTheWriteAtOnce() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        producer.sendException = new RecordTooLargeException("too large");
        KafkaRecordWriter writer = new KafkaRecordWriter(producer, 30_000, retries);
        CompletableFuture<Void> write = writer.write("telemetry.raw", "VIN", bytes("1"));
        assertThat(write).isCompletedExceptionally();
        assertThat(writer.backlogged()).isFalse();
    }

    @Test
    void closingFailsWhatStillWaits() {
        FullProducer producer = new FullProducer();
        producer.full = true;
        KafkaRecordWriter writer = new KafkaRecordWriter(producer, 30_000, retries);
        CompletableFuture<Void> write = writer.write("telemetry.raw", "VIN", bytes("1"));
        writer.close();
        assertThat(write).isCompletedExceptionally();
    }
}
