package io.pitwall.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A benchmark's reader of one topic: from the newest record on, hands each record with the
 * nanosecond clock of its arrival to a handler, until closed. A Kafka consumer must not be
 * interrupted mid-poll, so closing asks it to stop at its next poll and waits.
 */
final class TopicTail implements AutoCloseable {

    interface Handler {
        void accept(long arrivedNanos, ConsumerRecord<String, byte[]> record);
    }

    private final Thread thread;
    private volatile boolean running = true;

    TopicTail(String bootstrap, String topic, String group, Handler handler) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> handler.accept(System.nanoTime(), record));
                }
            }
        }, "tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }

    /** Empties a benchmark's scratch directory: every run starts from fresh servers. */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void log(String message) {
        System.err.println("bench: " + message);
    }
}
