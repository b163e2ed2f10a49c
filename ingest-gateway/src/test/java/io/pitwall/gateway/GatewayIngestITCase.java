package io.pitwall.gateway;

import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.raw.RawKind;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.notices.Notice;
import io.pitwall.contracts.notices.NoticeKind;
import io.pitwall.contracts.notices.VehicleNoticeRecord;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway over real sockets: real Paho 3.1.1 and 5.0 clients, a real Kafka broker. */
@ExtendWith(RealKafkaExtension.class)
class GatewayIngestITCase {

    private static final String VIN = "LSVAU2180N2183294";
    private static final String OTHER_VIN = "LSVAU2180N2183295";
    private static final String SECRET = "it-secret";

    @TempDir
    static Path dir;
    private static MqttGateway gateway;
    private static KafkaBroker kafka;

    @BeforeAll
    static void startGateway(KafkaBroker broker) throws Exception {
        kafka = broker;
        kafka.createTopic("telemetry.raw", 2, Map.of());
        kafka.createTopic("telemetry.rejected", 1, Map.of());
        kafka.createTopic("vehicle.notices", 2, Map.of());
        Path devices = dir.resolve("devices.json");
        new DeviceRegistry(devices, SecretHasher.DEFAULT).register(VIN, SECRET);
        gateway = MqttGateway.start(GatewayConfig.builder().mqttPort(0).gatewayId("gw-it").httpPort(0)
                .kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices).build());
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String uri() {
        return "tcp://127.0.0.1:" + gateway.port();
    }

    private static byte[] sample(String vin, long seq) {
        return ("{\"vin\":\"" + vin + "\",\"seq\":" + seq + ",\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":12.5}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storesAcknowledgedTelemetryFromAnMqtt311Client() throws Exception {
        MqttClient client = new MqttClient(uri(), VIN, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(VIN);
        options.setPassword(SECRET.toCharArray());
        client.connect(options);
        client.publish("v1/vehicles/" + VIN + "/telemetry", sample(VIN, 1001), 1, false);
        client.disconnect();
        client.close();

        assertThat(readAll("telemetry.raw")).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(VIN);
            assertThat(r.value()).contains("\"seq\":1001").contains("\"gatewayId\":\"gw-it\"");
            // Read as the Flink job's RawRecordDeserializer reads it.
            RawRecord raw = Json.read(r.value().getBytes(StandardCharsets.UTF_8), RawRecord.class);
            assertThat(raw.kind()).isEqualTo(RawKind.TELEMETRY);
            assertThat(raw.clientId()).isEqualTo(VIN);
            assertThat(raw.qos()).isEqualTo(1);
            assertThat(raw.samples()).singleElement().satisfies(sample -> {
                assertThat(sample.seq()).isEqualTo(1001);
                assertThat(sample.ts()).isEqualTo(1763942400123L);
                assertThat(sample.signals()).containsExactly(java.util.Map.entry("Vehicle.Speed", 12.5));
            });
        });
    }

    @Test
    void refusesWrongCredentialsWithTheMqttReturnCode() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(VIN);
        options.setPassword("wrong".toCharArray());
        assertThatThrownBy(() -> {
            MqttClient client = new MqttClient(uri(), VIN, new MemoryPersistence());
            try {
                client.connect(options);
            } finally {
                client.close(true);
            }
        }).isInstanceOfSatisfying(MqttException.class,
                e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
        assertThat(gateway.counters().get("refused.bad-credentials")).isPositive();
    }

    @Test
    void rejectsPublishToAnotherVehiclesTopicAndInvalidPayloadsWithMqtt5ReasonCodes() throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri(), VIN + ":dongle", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(VIN);
        options.setPassword(SECRET.getBytes(StandardCharsets.UTF_8));
        client.connect(options).waitForCompletion(10_000);

        IMqttToken foreign = client.publish("v1/vehicles/" + OTHER_VIN + "/telemetry",
                new MqttMessage(sample(OTHER_VIN, 5), 1, false, null));
        foreign.waitForCompletion(10_000);
        assertThat(foreign.getReasonCodes()).containsExactly(0x87);

        IMqttToken invalid = client.publish("v1/vehicles/" + VIN + "/telemetry",
                new MqttMessage("{\"vin\":\"".getBytes(StandardCharsets.UTF_8), 1, false, null));
        invalid.waitForCompletion(10_000);
        assertThat(invalid.getReasonCodes()).containsExactly(0x99);

        client.disconnect().waitForCompletion(5_000);
        client.close();

        assertThat(readAll("telemetry.raw")).noneMatch(r -> r.value().contains(OTHER_VIN));
        assertThat(readAll("telemetry.rejected")).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(VIN);
            assertThat(r.value()).contains("malformed-payload");
        });
    }

    @Test
    void deliversNoticesToASubscribedVehicleAndQueuesThemWhileItIsOffline() throws Exception {
        await("the notice consumer has its partitions", gateway::downlinkReady);
        String clientId = VIN + ":headunit";
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttAsyncClient client = v5Client(clientId, received);
        MqttConnectionOptions options = v5Options();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(300L);
        client.connect(options).waitForCompletion(10_000);
        String notices = "v1/vehicles/" + VIN + "/notices";
        client.subscribe(new MqttSubscription(notices, 1)).waitForCompletion(10_000);

        produceNotice("online-1");
        assertThat(received.poll(30, TimeUnit.SECONDS)).as("delivered while connected").contains("\"noticeId\":\"online-1\"");

        client.disconnect().waitForCompletion(5_000);
        produceNotice("offline-1");
        await("the notice is queued for the offline session",
                () -> gateway.services().sessions().find(clientId) != null
                        && gateway.services().sessions().find(clientId).queued() == 1);
        client.connect(options).waitForCompletion(10_000);
        assertThat(received.poll(30, TimeUnit.SECONDS)).as("delivered after reconnecting").contains("\"noticeId\":\"offline-1\"");
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    @Test
    void storesTheWillAsAStatusRecordWhenTheConnectionDrops() throws Exception {
        MqttClient client = new MqttClient(uri(), VIN + ":will", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(VIN);
        options.setPassword(SECRET.toCharArray());
        options.setWill("v1/vehicles/" + VIN + "/status", "{\"online\":false}".getBytes(StandardCharsets.UTF_8), 1, true);
        client.connect(options);
        client.publish("v1/vehicles/" + VIN + "/status", "{\"online\":true}".getBytes(StandardCharsets.UTF_8), 1, true);
        client.disconnectForcibly(100, 100, false);
        client.close();

        await("the will is published", () -> gateway.counters().get("will.published") > 0);
        assertThat(readAll("telemetry.raw")).anySatisfy(r -> assertThat(r.value())
                .contains("\"kind\":\"STATUS\"").contains("\"online\":false").contains(VIN + ":will"));
    }

    @Test
    void storesAQos2PublishOnceAndCompletesTheFlow() throws Exception {
        MqttAsyncClient client = v5Client(VIN + ":qos2", new LinkedBlockingQueue<>());
        client.connect(v5Options()).waitForCompletion(10_000);
        IMqttToken token = client.publish("v1/vehicles/" + VIN + "/telemetry", new MqttMessage(sample(VIN, 7002), 2, false, null));
        token.waitForCompletion(10_000);
        assertThat(token.isComplete()).isTrue();
        client.disconnect().waitForCompletion(5_000);
        client.close();
        assertThat(readAll("telemetry.raw")).filteredOn(r -> r.value().contains("\"seq\":7002")).hasSize(1);
    }

    @Test
    void servesPrometheusMetricsAndReadiness() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + gateway.httpPort();
        await("ready once Kafka answers", () -> http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("pitwall_gateway_connections ").contains("pitwall_gateway_kafka_write_seconds")
                .contains("pitwall_gateway_kafka_reachable 1.0");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private static MqttAsyncClient v5Client(String clientId, BlockingQueue<String> received) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri(), clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.setCallback(PahoCallbacks.v5((topic, message) ->
                received.add(new String(message.getPayload(), StandardCharsets.UTF_8))));
        return client;
    }

    private static MqttConnectionOptions v5Options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(VIN);
        options.setPassword(SECRET.getBytes(StandardCharsets.UTF_8));
        return options;
    }

    private static void produceNotice(String id) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            Notice notice = new Notice(id, NoticeKind.ALERT, Severity.WARNING, "Coolant hot", "Stop safely", List.of(),
                    System.currentTimeMillis() + 3_600_000);
            producer.send(new ProducerRecord<>("vehicle.notices", VIN, Json.write(VehicleNoticeRecord.of(VIN, notice))))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out waiting until " + what);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int emptyPollsAfterData = 0;
            while (System.nanoTime() < deadline && emptyPollsAfterData < 3) {
                var batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(records::add);
                if (batch.isEmpty() && !records.isEmpty()) {
                    emptyPollsAfterData++;
                }
            }
        }
        return records;
    }
}
