package io.pitwall.simulators.load;

import io.pitwall.gateway.MqttGateway;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import io.pitwall.simulators.fleet.DeviceSecrets;
import io.pitwall.simulators.fleet.VinFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Netty load generator against the real gateway (and so a real Kafka behind every PUBACK). */
@ExtendWith(RealKafkaExtension.class)
class LoadGatewayITCase {

    private static final long SEED = 77;
    private static final int CONNECTIONS = 12;
    private static MqttGateway gateway;

    @BeforeAll
    static void startGateway(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        kafka.createTopic("telemetry.raw", 2, Map.of());
        kafka.createTopic("telemetry.rejected", 1, Map.of());
        Path devices = dir.resolve("devices.json");
        Map<String, String> secrets = new HashMap<>();
        for (int i = 0; i < CONNECTIONS + 2; i++) {
            String vin = VinFactory.vin(SEED, i);
            secrets.put(vin, DeviceSecrets.secretFor(SEED, vin));
        }
        new DeviceRegistry(devices, new SecretHasher(1024, 1, 1)).registerAll(secrets);
        gateway = MqttGateway.start(GatewayConfig.builder().bindHost("127.0.0.1").mqttPort(0).gatewayId("gw-load-it")
                .kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices).build());
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static LoadOptions options(int connections, int idle, double rate, long messages, String password) {
        return new LoadOptions("127.0.0.1", gateway.port(), connections, idle, List.of("127.0.0.1", "127.0.0.2"), rate, 1, 20,
                Duration.ofSeconds(20), messages, SEED, "v1/vehicles/{vin}/telemetry", "{vin}", "{vin}", password, 10, 30,
                Duration.ofSeconds(60));
    }

    @Test
    void everyPublishIsAcknowledgedAndTimed() throws InterruptedException {
        LoadReport report = LoadGenerator.run(options(CONNECTIONS, 2, 300, 600, null), line -> { });
        assertThat(report.connectionsOpened()).as(report.summary()).isEqualTo(CONNECTIONS + 2);
        assertThat(report.published()).isEqualTo(600);
        assertThat(report.acknowledged()).as(report.summary()).isEqualTo(600);
        assertThat(report.errors()).isZero();
        assertThat(report.latencyMicros().getTotalCount()).isEqualTo(600);
        assertThat(report.summary()).contains("p99");
    }

    @Test
    void aWarmUpIsPublishedButOnlyTheMeasuredPartIsReported() throws InterruptedException {
        LoadReport report = LoadGenerator.run(options(4, 0, 200, 200, null).withWarmup(Duration.ofSeconds(1)), line -> { });
        assertThat(report.published()).as(report.summary()).isEqualTo(200);
        // PUBACKs of warm-up publishes still in flight when measuring starts count like the rest: the load never paused.
        assertThat(report.acknowledged()).as(report.summary()).isBetween(200L, 200L + 4 * 20);
        assertThat(report.latencyMicros().getTotalCount()).isEqualTo(report.acknowledged());
        assertThat(report.errors()).isZero();
    }

    @Test
    void refusedCredentialsAreReportedPerReason() throws InterruptedException {
        LoadReport report = LoadGenerator.run(options(3, 0, 10, 10, "wrong-secret"), line -> { });
        assertThat(report.connectionsOpened()).isZero();
        assertThat(report.connectionsFailed()).isEqualTo(3);
        assertThat(report.connectFailures().keySet()).anyMatch(reason -> reason.contains("refused") || reason.contains("closed"));
    }
}
