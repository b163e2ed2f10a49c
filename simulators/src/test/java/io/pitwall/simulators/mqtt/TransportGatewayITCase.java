package io.pitwall.simulators.mqtt;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.raw.RawKind;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.gateway.MqttGateway;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.config.TlsConfig;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import io.pitwall.simulators.fleet.DeviceSecrets;
import io.pitwall.simulators.fleet.Fleet;
import io.pitwall.simulators.fleet.FleetOptions;
import io.pitwall.simulators.fleet.FleetStats;
import io.pitwall.simulators.fleet.VinFactory;
import io.pitwall.simulators.load.LoadGenerator;
import io.pitwall.simulators.load.LoadOptions;
import io.pitwall.simulators.load.LoadReport;
import io.pitwall.simulators.scenario.ManifestSchema;
import io.pitwall.simulators.scenario.ScenarioSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulators in every transport the contract allows, against the real gateway's TLS listener
 * and a real Kafka: MQTT 5.0 and 3.1.1, server-authenticated and mutual TLS, CBOR telemetry.
 */
@ExtendWith(RealKafkaExtension.class)
class TransportGatewayITCase {

    private static final long SEED = 515;
    private static final int FLEET = 3;
    /** Load connections use the vehicles after the fleet's. */
    private static final int LOAD_FIRST = 10;
    private static final int LOAD_VEHICLES = 8;

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static KafkaBroker kafka;
    private static MqttGateway gateway;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        kafka = broker;
        kafka.createTopic("telemetry.raw", 2, Map.of());
        kafka.createTopic("telemetry.rejected", 1, Map.of());
        pki = new TestPki(dir);
        Map<String, String> secrets = new HashMap<>();
        IntStream.range(0, LOAD_FIRST + LOAD_VEHICLES).mapToObj(i -> VinFactory.vin(SEED, i))
                .forEach(vin -> secrets.put(vin, DeviceSecrets.secretFor(SEED, vin)));
        Path devices = dir.resolve("devices.json");
        new DeviceRegistry(devices, new SecretHasher(1024, 1, 1)).registerAll(secrets);
        gateway = MqttGateway.start(GatewayConfig.builder().bindHost("127.0.0.1").mqttPort(0).gatewayId("gw-transport-it")
                .noticesTopic("").kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices)
                .tls(new TlsConfig(0, pki.serverKeyStore, TestPki.PASSWORD, pki.trustStore, TestPki.PASSWORD))
                .build());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aFleetOnMqtt5WithMutualTlsSendsCborThatReachesKafka() throws Exception {
        Path certificates = dir.resolve("devices");
        for (int i = 0; i < FLEET; i++) {
            pki.device(certificates, VinFactory.vin(SEED, i));
        }
        DeviceTransport transport = new DeviceTransport(MqttProtocol.V5, PayloadFormat.CBOR,
                new TlsSettings(pki.caPem, null, null, certificates.resolve("{vin}.p12").toString(), TestPki.PASSWORD));
        // 07:00 in Shanghai yesterday: a morning commute, within the gateway's accepted time window.
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(25));
        FleetOptions options = new FleetOptions("tcp://127.0.0.1:" + gateway.tlsPort(), FLEET, SEED, Duration.ofMillis(20), 1500, 120, 1,
                ScenarioSettings.realistic().withStart(start), dir.resolve("fleet-run"), transport);
        long certificateConnects = gateway.counters().get("connect.certificate");

        Set<String> acknowledged;
        FleetStats stats;
        try (Fleet fleet = Fleet.start(options)) {
            assertThat(fleet.awaitFinished(180, TimeUnit.SECONDS)).as(fleet.stats().line()).isTrue();
            stats = fleet.stats();
            acknowledged = Set.copyOf(fleet.acknowledgedSamples());
        }
        assertThat(stats.errors.get()).as(stats.line()).isZero();
        assertThat(acknowledged).hasSizeGreaterThan(FLEET * 10);
        assertThat(gateway.counters().get("connect.certificate") - certificateConnects).isGreaterThanOrEqualTo(FLEET);
        assertThat(telemetrySamplesInKafka(acknowledged)).containsAll(acknowledged);
        assertThat(ManifestSchema.validate(dir.resolve("fleet-run/manifest.json"))).isEmpty();
    }

    @Test
    void aLoadRunOnMqtt5OverTlsWithCborIsFullyAcknowledged() throws InterruptedException {
        DeviceTransport transport = new DeviceTransport(MqttProtocol.V5, PayloadFormat.CBOR,
                new TlsSettings(null, pki.trustStore, TestPki.PASSWORD, null, null));
        LoadReport report = LoadGenerator.run(load(6, 2, 300, transport), line -> { });
        assertThat(report.connectionsOpened()).as(report.summary()).isEqualTo(8);
        assertThat(report.acknowledged()).as(report.summary()).isEqualTo(300);
        assertThat(report.errors()).isZero();
        assertThat(report.latencyMicros().getTotalCount()).isEqualTo(300);
    }

    @Test
    void aLoadRunOnMqtt311WithOneFleetKeyStoreSendsCborOnTheCborTopic() throws Exception {
        List<String> vins = IntStream.range(LOAD_FIRST, LOAD_FIRST + 3).mapToObj(i -> VinFactory.vin(SEED, i)).toList();
        Path fleetStore = pki.fleetStore(dir.resolve("fleet.p12"), vins);
        DeviceTransport transport = new DeviceTransport(MqttProtocol.V3_1_1, PayloadFormat.CBOR,
                new TlsSettings(pki.caPem, null, null, fleetStore.toString(), TestPki.PASSWORD));
        long certificateConnects = gateway.counters().get("connect.certificate");
        LoadReport report = LoadGenerator.run(load(3, 0, 150, transport), line -> { });
        assertThat(report.connectionsOpened()).as(report.summary()).isEqualTo(3);
        assertThat(report.acknowledged()).as(report.summary()).isEqualTo(150);
        assertThat(report.errors()).isZero();
        assertThat(gateway.counters().get("connect.certificate") - certificateConnects)
                .as("each connection presented its own VIN's certificate from the shared store").isEqualTo(3);
    }

    @Test
    void aGatewayCertificateTheDeviceDoesNotTrustIsReportedAsATlsFailure() {
        DeviceTransport jdkCas = new DeviceTransport(MqttProtocol.V5, PayloadFormat.JSON, TlsSettings.jdkDefaults());
        VehicleConnector connector = VehicleConnector.of("tcp://127.0.0.1:" + gateway.tlsPort(), jdkCas);
        String vin = VinFactory.vin(SEED, 0);
        assertThatThrownBy(() -> connector.connect(vin, DeviceSecrets.secretFor(SEED, vin)))
                .isInstanceOfSatisfying(VehicleConnectException.class, e -> assertThat(e.kind()).isEqualTo(VehicleConnectException.Kind.TLS))
                .hasMessageContaining("TLS handshake").hasMessageContaining("--tls-ca-file");
    }

    private static LoadOptions load(int connections, int idle, long messages, DeviceTransport transport) {
        return new LoadOptions("127.0.0.1", gateway.tlsPort(), connections, idle, List.of("127.0.0.1"), 200, 1, 16,
                Duration.ofSeconds(30), messages, SEED, "v1/vehicles/{vin}/telemetry", "{vin}", "{vin}", null, 8, 30,
                Duration.ofSeconds(60), LOAD_FIRST, transport);
    }

    private static Set<String> telemetrySamplesInKafka(Set<String> wanted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "transport-it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("telemetry.raw"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!seen.containsAll(wanted) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    RawRecord raw = Json.read(r.value(), RawRecord.class);
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
