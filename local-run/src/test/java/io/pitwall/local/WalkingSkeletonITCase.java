package io.pitwall.local;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.gateway.MqttGateway;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealServices;
import io.pitwall.simulators.fleet.DeviceSecrets;
import io.pitwall.simulators.fleet.Fleet;
import io.pitwall.simulators.fleet.FleetOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton end to end: a real Paho client publishes one telemetry sample to the real
 * gateway, which writes it to a real Kafka broker before the PUBACK; the Flink job on a MiniCluster
 * reads it and the ClickHouse sink stores it in a real ClickHouse server. Then the simulator does
 * the same for a small fleet.
 */
@RealServices
class WalkingSkeletonITCase {

    private static final String VIN = "LSVAU2180N2183294";
    private static final String SECRET = "test-secret-2183294";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void telemetryTravelsFromMqttThroughKafkaAndFlinkIntoClickHouse(KafkaBroker kafka, ClickHouseServer clickHouse,
                                                                    @TempDir Path dir) throws Exception {
        TopicLayout.TOPICS.values().forEach(t -> kafka.createTopic(t.name(), t.partitions(), t.configs()));
        Path devices = dir.resolve("devices.json");
        DeviceRegistry registry = new DeviceRegistry(devices, SecretHasher.DEFAULT);
        registry.register(VIN, SECRET);
        FleetOptions fleet = new FleetOptions("tcp://placeholder", 3, 7, Duration.ofMillis(50), 1, 4, 1);
        for (int i = 0; i < fleet.vehicles(); i++) {
            String vin = Fleet.vin(fleet, i);
            registry.register(vin, DeviceSecrets.secretFor(fleet.seed(), vin));
        }

        try (MqttGateway gateway = MqttGateway.start(GatewayConfig.builder().mqttPort(0)
                .gatewayId("gw-it").kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices).build())) {
            JobClient job = TestJobs.start(kafka, clickHouse, "walking-skeleton");
            try {
                publishOneSampleWithPaho(gateway.port());
                assertRawRecordIsInKafka(kafka);
                String row = awaitRows(clickHouse, "SELECT vin, seq, ts_ms, gateway_id, speed_kmh, coolant_temp_c,"
                        + " other_signal_names, other_signal_values FROM pitwall.telemetry WHERE vin = '" + VIN
                        + "' FORMAT TabSeparated", 1);
                assertThat(row.strip()).isEqualTo(VIN + "\t18342\t1763942400123\tgw-it\t63.5\t91\t"
                        + "['Vehicle.Custom.WiperSpeed']\t[2]");

                FleetOptions connected = new FleetOptions("tcp://127.0.0.1:" + gateway.port(), fleet.vehicles(),
                        fleet.seed(), fleet.sampleInterval(), 1, fleet.samplesPerVehicle(), 1);
                try (Fleet running = Fleet.start(connected)) {
                    assertThat(running.awaitFinished(60, TimeUnit.SECONDS)).isTrue();
                    assertThat(running.stats().acknowledged.get()).isEqualTo(12);
                    assertThat(running.stats().errors.get()).isZero();
                }
                String fleetRows = awaitRows(clickHouse, "SELECT count() FROM pitwall.telemetry WHERE vin != '"
                        + VIN + "' FORMAT TabSeparated", 12);
                assertThat(fleetRows.strip()).isEqualTo("12");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }


    private static void publishOneSampleWithPaho(int port) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, VIN, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(VIN);
        options.setPassword(SECRET.toCharArray());
        options.setCleanSession(true);
        client.connect(options);
        String payload = "{\"vin\":\"" + VIN + "\",\"seq\":18342,\"ts\":1763942400123,\"signals\":{"
                + "\"Vehicle.Speed\":63.5,\"Vehicle.Powertrain.CombustionEngine.ECT\":91.0,"
                + "\"Vehicle.Custom.WiperSpeed\":2}}";
        // MqttClient.publish at QoS 1 returns only after the PUBACK arrived.
        client.publish("v1/vehicles/" + VIN + "/telemetry", payload.getBytes(StandardCharsets.UTF_8), 1, false);
        client.disconnect();
        client.close();
    }

    /** The PUBACK has arrived, so the record must already be in Kafka. */
    private static void assertRawRecordIsInKafka(KafkaBroker kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "skeleton-check");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<RawRecord> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("telemetry.raw"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(r.key()).isEqualTo(VIN);
                    records.add(Json.read(r.value(), RawRecord.class));
                }
            }
        }
        assertThat(records).hasSize(1);
        RawRecord raw = records.get(0);
        assertThat(raw.vin()).isEqualTo(VIN);
        assertThat(raw.gatewayId()).isEqualTo("gw-it");
        assertThat(raw.samples()).hasSize(1);
        assertThat(raw.samples().get(0).seq()).isEqualTo(18342L);
        assertThat(raw.samples().get(0).signals()).containsEntry("Vehicle.Speed", 63.5);
    }

    private static String awaitRows(ClickHouseServer clickHouse, String sql, int expectedRows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = clickHouse.query(sql);
                boolean isCount = sql.startsWith("SELECT count()");
                if (isCount ? last.strip().equals(String.valueOf(expectedRows)) : last.lines().count() >= expectedRows) {
                    return last;
                }
            } catch (java.io.IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("ClickHouse did not return " + expectedRows + " row(s) in time; last answer: " + last);
    }
}
