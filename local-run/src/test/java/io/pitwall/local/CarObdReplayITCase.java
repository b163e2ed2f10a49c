package io.pitwall.local;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import io.pitwall.gateway.MqttGateway;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.config.Limits;
import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealServices;
import io.pitwall.simulators.fleet.VinFactory;
import io.pitwall.simulators.replay.CarObdLog;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real OBD-II logs of ../shared/data/carobd through the whole pipeline: each file is one car,
 * published in the contract's batch form over MQTT to the gateway, stored by Flink in ClickHouse
 * and judged by the detectors. Every sample must be accounted for in ClickHouse; the alerts the
 * logs raise are printed (they are explained in docs/health.md).
 */
@RealServices
class CarObdReplayITCase {

    private static final int BATCH = 50;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void everySampleOfTheRealLogsIsStoredAndJudged(KafkaBroker kafka, ClickHouseServer clickHouse, @TempDir Path dir)
            throws Exception {
        Path logs = carObdFolder();
        List<Path> files;
        try (Stream<Path> listing = Files.list(logs)) {
            files = listing.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertThat(files).hasSize(5);
        TopicLayout.TOPICS.values().forEach(t -> kafka.createTopic(t.name(), t.partitions(), t.configs()));
        Path devices = dir.resolve("devices.json");
        DeviceRegistry registry = new DeviceRegistry(devices, new SecretHasher(1024, 1, 1));
        Map<String, Path> vins = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            String vin = VinFactory.vin(2014, i);
            registry.register(vin, "replay-" + i);
            vins.put(vin, files.get(i));
        }

        Map<String, Integer> published = new LinkedHashMap<>();
        // The logs are pushed as fast as the gateway acknowledges them (about 10 KiB per batch), well above
        // the per-device rate a real car is allowed; the default quota would rightly cut the car off.
        Limits replayRate = Limits.defaults().withMaxPublishesPerSecond(100_000)
                .withMaxPublishBytesPerSecond(256 << 20);
        try (MqttGateway gateway = MqttGateway.start(GatewayConfig.builder().mqttPort(0).gatewayId("gw-replay")
                .kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices).limits(replayRate).build())) {
            JobClient job = TestJobs.start(kafka, clickHouse, "carobd-replay");
            try {
                int i = 0;
                // Each log starts on its own morning, a few days ago, so the gateway's clock check passes.
                long day = 86_400_000L;
                long firstMorning = (System.currentTimeMillis() / day - 7) * day + 8 * 3_600_000L;
                for (Map.Entry<String, Path> car : vins.entrySet()) {
                    List<Sample> samples = CarObdLog.read(car.getValue()).samples(firstMorning + i * day, 1, false, 48_000);
                    publish(gateway.port(), car.getKey(), "replay-" + i, samples);
                    published.put(car.getKey(), samples.size());
                    i++;
                }
                for (Map.Entry<String, Integer> car : published.entrySet()) {
                    String stored = awaitCount(clickHouse, car.getKey(), car.getValue());
                    assertThat(stored).as("samples of %s in ClickHouse", vins.get(car.getKey()).getFileName())
                            .isEqualTo(String.valueOf(car.getValue()));
                }
                // The analysts see each car's health too (written at the next checkpoint).
                for (String vin : vins.keySet()) {
                    assertThat(awaitRows(clickHouse, "SELECT count() > 0 FROM pitwall.health_predictions FINAL WHERE vin = '"
                            + vin + "'")).isEqualTo("1");
                }
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
        List<Alert> alerts = read(kafka, "vehicle.alerts", Alert.class);
        Map<String, HealthPrediction> health = new LinkedHashMap<>();
        read(kafka, "vehicle.health", HealthPrediction.class).forEach(h -> health.put(h.vin(), h));
        StringBuilder report = new StringBuilder("\ncarOBD replay: samples published and stored per log\n");
        published.forEach((vin, n) -> report.append("  ").append(vins.get(vin).getFileName()).append(" ")
                .append(vin).append(": ").append(n).append('\n'));
        report.append("alerts raised: ").append(alerts.size()).append('\n');
        alerts.forEach(a -> report.append("  ").append(vins.get(a.vin()).getFileName()).append(' ').append(a.kind())
                .append(' ').append(a.state()).append(' ').append(a.severity()).append(' ').append(a.evidence())
                .append('\n'));
        report.append("latest health per log:\n");
        health.forEach((vin, h) -> report.append("  ").append(vins.get(vin).getFileName()).append(" 12V=")
                .append(h.lowVoltageBattery()).append(" brakes=").append(h.brakePads()).append('\n'));
        System.out.println(report);
        assertThat(health).as("every log got a health judgement").containsOnlyKeys(vins.keySet());
    }

    private static Path carObdFolder() {
        Path here = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/carobd");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("../shared/data/carobd is not beside this checkout; the replay needs the real logs");
        return null;
    }

    private static void publish(int port, String vin, String secret, List<Sample> samples) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, vin, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(vin);
        options.setPassword(secret.toCharArray());
        options.setMaxInflight(100);
        client.connect(options);
        for (int from = 0; from < samples.size(); from += BATCH) {
            List<Sample> batch = samples.subList(from, Math.min(samples.size(), from + BATCH));
            client.publish("v1/vehicles/" + vin + "/telemetry", Json.write(TelemetryMessage.batch(vin, batch)), 1, false);
        }
        client.disconnect();
        client.close();
    }


    private static String awaitRows(ClickHouseServer clickHouse, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = clickHouse.query(sql).strip();
            if (last.equals("1")) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    private static String awaitCount(ClickHouseServer clickHouse, String vin, int expected) throws Exception {
        String sql = "SELECT count() FROM pitwall.telemetry FINAL WHERE vin = '" + vin + "'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = clickHouse.query(sql).strip();
            if (last.equals(String.valueOf(expected))) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    private static <T> List<T> read(KafkaBroker kafka, String topic, Class<T> type) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-check-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> records.add(Json.read(r.value(), type)));
            }
        }
        return records;
    }
}
