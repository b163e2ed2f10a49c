package io.pitwall.simulators.fleet;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.raw.RawKind;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.gateway.MqttGateway;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import io.pitwall.simulators.mqtt.VehicleConnectException;
import io.pitwall.simulators.scenario.FaultKind;
import io.pitwall.simulators.scenario.FaultSpec;
import io.pitwall.simulators.scenario.GroundTruthManifest;
import io.pitwall.simulators.scenario.ScenarioSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A small realistic fleet with injected faults and transmission mess, against the real gateway and
 * a real Kafka broker: every sample the gateway acknowledged (QoS 1 PUBACK) is in telemetry.raw.
 */
@ExtendWith(RealKafkaExtension.class)
class FleetGatewayITCase {

    private static final long SEED = 606;
    private static final int VEHICLES = 4;

    @Test
    void everyAcknowledgedSampleOfAMessyFaultyFleetReachesKafka(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        kafka.createTopic("telemetry.raw", 2, Map.of());
        kafka.createTopic("telemetry.rejected", 1, Map.of());
        Path devices = dir.resolve("devices.json");
        FleetOptions template = new FleetOptions("tcp://placeholder", VEHICLES, SEED, Duration.ofMillis(20), 1500, 240, 1);
        Map<String, String> secrets = new HashMap<>();
        for (int i = 0; i < VEHICLES; i++) {
            secrets.put(Fleet.vin(template, i), DeviceSecrets.secretFor(SEED, Fleet.vin(template, i)));
        }
        new DeviceRegistry(devices, new SecretHasher(1024, 1, 1)).registerAll(secrets);
        // 07:00 in Shanghai yesterday: a morning commute, safely in the gateway's accepted time window.
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(25));
        ScenarioSettings settings = ScenarioSettings.realistic().withStart(start).withFaults(List.of(
                new FaultSpec(FaultKind.FAST_PAD_WEAR, 0, Duration.ZERO),
                new FaultSpec(FaultKind.DTC, 1, Duration.ofMinutes(30), "P0301"),
                new FaultSpec(FaultKind.SLOW_TIRE_LEAK, 2, Duration.ZERO)));

        try (MqttGateway gateway = MqttGateway.start(GatewayConfig.builder().bindHost("127.0.0.1").mqttPort(0)
                .gatewayId("gw-sim-it").kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices).build())) {
            FleetOptions options = template.withBrokerUri("tcp://127.0.0.1:" + gateway.port())
                    .withScenario(settings).withOutputDir(dir.resolve("run"));
            Set<String> acknowledged;
            FleetStats stats;
            try (Fleet fleet = Fleet.start(options)) {
                assertThat(fleet.awaitFinished(180, TimeUnit.SECONDS)).as(fleet.stats().line()).isTrue();
                stats = fleet.stats();
                acknowledged = Set.copyOf(fleet.acknowledgedSamples());
            }
            assertThat(stats.errors.get()).isZero();
            assertThat(stats.eventsAcknowledged.get()).isPositive();
            assertThat(acknowledged).hasSizeGreaterThan(VEHICLES * 10);

            Set<String> inKafka = readSamples(kafka, acknowledged);
            assertThat(inKafka).containsAll(acknowledged);

            GroundTruthManifest manifest = GroundTruthManifest.read(dir.resolve("run/manifest.json"));
            assertThat(manifest.faults()).extracting(GroundTruthManifest.FaultEntry::fault)
                    .containsExactlyInAnyOrder(FaultKind.FAST_PAD_WEAR, FaultKind.DTC, FaultKind.SLOW_TIRE_LEAK);
            assertThat(Files.readAllLines(dir.resolve("run/owners.csv")).get(0)).startsWith("owner_id,vins,");
        }
    }

    @Test
    void aFleetWithTheWrongSeedIsToldItsCredentialsWereRefused(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        kafka.createTopic("telemetry.raw", 1, Map.of());
        Path devices = dir.resolve("devices.json");
        FleetOptions registered = new FleetOptions("tcp://placeholder", 1, 1, Duration.ofMillis(50), 1, 1, 1);
        new DeviceRegistry(devices, new SecretHasher(1024, 1, 1))
                .register(Fleet.vin(registered, 0), "not-the-derived-secret");
        try (MqttGateway gateway = MqttGateway.start(GatewayConfig.builder().bindHost("127.0.0.1").mqttPort(0)
                .gatewayId("gw-sim-it").kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices).build())) {
            FleetOptions options = registered.withBrokerUri("tcp://127.0.0.1:" + gateway.port());
            assertThatThrownBy(() -> Fleet.start(options)).isInstanceOfSatisfying(VehicleConnectException.class,
                    e -> assertThat(e.kind()).isEqualTo(VehicleConnectException.Kind.REFUSED))
                    .hasMessageContaining("refused the credentials");
        }
    }

    @Test
    void thePlainStreamSendsExactlyOneSamplePerTick(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        kafka.createTopic("telemetry.raw", 1, Map.of());
        Path devices = dir.resolve("devices.json");
        FleetOptions plain = new FleetOptions("tcp://placeholder", 3, 7, Duration.ofMillis(50), 1, 4, 1);
        Map<String, String> secrets = new HashMap<>();
        for (int i = 0; i < plain.vehicles(); i++) {
            secrets.put(Fleet.vin(plain, i), DeviceSecrets.secretFor(plain.seed(), Fleet.vin(plain, i)));
        }
        new DeviceRegistry(devices, new SecretHasher(1024, 1, 1)).registerAll(secrets);
        try (MqttGateway gateway = MqttGateway.start(GatewayConfig.builder().bindHost("127.0.0.1").mqttPort(0)
                .gatewayId("gw-sim-it").kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices).build());
             Fleet fleet = Fleet.start(plain.withBrokerUri("tcp://127.0.0.1:" + gateway.port()))) {
            assertThat(fleet.awaitFinished(60, TimeUnit.SECONDS)).isTrue();
            assertThat(fleet.stats().acknowledged.get()).isEqualTo(12);
            assertThat(fleet.stats().samplesAcknowledged.get()).isEqualTo(12);
            assertThat(fleet.stats().errors.get()).isZero();
        }
    }

    private static Set<String> readSamples(KafkaBroker kafka, Set<String> wanted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "sim-it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("telemetry.raw"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!seen.containsAll(wanted) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    RawRecord raw = Json.read(r.value(), RawRecord.class);
                    assertThat(r.key()).isEqualTo(raw.vin());
                    if (raw.kind() == RawKind.TELEMETRY) {
                        for (Sample s : raw.samples()) {
                            seen.add(raw.vin() + "/" + s.seq());
                        }
                    }
                }
            }
        }
        return seen;
    }
}
