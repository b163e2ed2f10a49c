package io.pitwall.gateway;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device as the contract expects one to behave: it publishes numbered samples at QoS 1 and keeps
 * each until it is acknowledged, reconnecting and resending after any failure. Used by the ITCases
 * that break Kafka or the gateway mid-stream.
 */
final class ResendingDevice implements AutoCloseable {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final String vin;
    final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
    int resends;

    ResendingDevice(int port, String vin, String secret) throws MqttException {
        this.vin = vin;
        client = new MqttClient("tcp://127.0.0.1:" + port, vin, new MemoryPersistence());
        client.setTimeToWait(60_000);
        options.setUserName(vin);
        options.setPassword(secret.toCharArray());
        options.setConnectionTimeout(10);
    }

    /** Publishes samples {@code from..to}, each until acknowledged; fails if one takes longer than 120 s. */
    void publish(long from, long to) throws InterruptedException {
        for (long seq = from; seq <= to; seq++) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (true) {
                try {
                    if (!client.isConnected()) {
                        client.connect(options);
                    }
                    client.publish("v1/vehicles/" + vin + "/telemetry", sample(seq), 1, false);
                    acknowledged.add(seq);
                    break;
                } catch (MqttException e) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("sample " + seq + " not acknowledged within 120 s", e);
                    }
                    resends++;
                    Thread.sleep(500);
                }
            }
        }
    }

    private byte[] sample(long seq) {
        return ("{\"vin\":\"" + vin + "\",\"seq\":" + seq + ",\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":12.5}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }

    /** The sample numbers found in the raw topic (duplicates collapse, as downstream dedup by (vin, seq) does). */
    static Set<Long> storedSeqs(String bootstrapServers, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<Long> seqs = new TreeSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("telemetry.raw"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && seqs.size() < expected) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    Matcher m = SEQ.matcher(r.value());
                    if (m.find()) {
                        seqs.add(Long.parseLong(m.group(1)));
                    }
                });
            }
        }
        return seqs;
    }
}
