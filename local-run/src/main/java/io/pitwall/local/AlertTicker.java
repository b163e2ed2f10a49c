package io.pitwall.local;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads {@code vehicle.alerts} and {@code vehicle.health} as the customer-journey system would and
 * shows each alert as a line, so the local run shows the pipeline's judgements as the fleet drives.
 */
final class AlertTicker implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong healthUpdates = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    AlertTicker(String bootstrap, Consumer<String> show) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "pitwall-local-run-ticker");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("vehicle.alerts", "vehicle.health"));
                while (running) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                        if (r.topic().equals("vehicle.health")) {
                            healthUpdates.incrementAndGet();
                            return;
                        }
                        alerts.incrementAndGet();
                        show.accept(describe(Json.read(r.value(), Alert.class)));
                    });
                }
            }
        }, "alert-ticker");
        thread.setDaemon(true);
        thread.start();
    }

    static String describe(Alert a) {
        return String.format("ALERT %s  %s  %-20s %-8s %-9s %s", TIME.format(Instant.ofEpochMilli(a.eventTime())),
                a.vin(), a.kind(), a.severity(), a.state(), a.recommendation() == null ? "" : a.recommendation());
    }

    long alerts() {
        return alerts.get();
    }

    long healthUpdates() {
        return healthUpdates.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
