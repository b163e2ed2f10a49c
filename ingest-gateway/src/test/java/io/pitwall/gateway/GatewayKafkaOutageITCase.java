package io.pitwall.gateway;

import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka is stopped in the middle of a stream of QoS 1 publishes and started again. The gateway's
 * Kafka delivery timeout is short here (5 s), so writes fail during the outage: those publishes
 * are not acknowledged, the connection is closed and the device resends after reconnecting.
 * Afterwards every acknowledged sample (and so every sample) is in Kafka, and readiness went false
 * and came back by itself.
 */
@ExtendWith(RealKafkaExtension.class)
class GatewayKafkaOutageITCase {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayKafkaOutageITCase.class);
    private static final String VIN = "LSVAU2180N2183294";
    private static final String SECRET = "outage-secret";
    private static final int SAMPLES = 200;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedPublishIsInKafkaAfterKafkaWasStoppedAndRestarted(KafkaBroker kafka) throws Exception {
        kafka.createTopic("telemetry.raw", 2, Map.of());
        kafka.createTopic("telemetry.rejected", 1, Map.of());
        Path devices = dir.resolve("devices.json");
        new DeviceRegistry(devices, SecretHasher.DEFAULT).register(VIN, SECRET);
        AtomicReference<Throwable> outageFailure = new AtomicReference<>();
        ResendingDevice device;
        try (MqttGateway gateway = MqttGateway.start(GatewayConfig.builder().mqttPort(0).gatewayId("gw-outage")
                .noticesTopic("").kafkaDeliveryTimeoutMs(5_000).kafkaBootstrap(kafka.bootstrapServers())
                .deviceRegistry(devices).build())) {
            GatewayIngestITCase.await("ready", gateway::ready);
            device = new ResendingDevice(gateway.port(), VIN, SECRET);
            Thread outage = new Thread(() -> {
                try {
                    GatewayIngestITCase.await("50 samples acknowledged", () -> device.acknowledged.size() >= 50);
                    LOG.info("Stopping Kafka");
                    kafka.stop();
                    GatewayIngestITCase.await("readiness false", () -> !gateway.ready());
                    GatewayIngestITCase.await("a write failed", () -> gateway.counters().get("kafka.write-failed") > 0);
                    LOG.info("Starting Kafka again");
                    kafka.restart();
                } catch (Throwable e) {
                    outageFailure.set(e);
                }
            }, "kafka-outage");
            outage.start();
            device.publish(1, SAMPLES);
            device.close();
            outage.join(120_000);
            assertThat(outageFailure.get()).isNull();
            GatewayIngestITCase.await("ready again", gateway::ready);
            LOG.info("All {} samples acknowledged with {} resends; counters {}", SAMPLES, device.resends,
                    gateway.counters().snapshot());
            assertThat(gateway.counters().get("disconnect.server_busy")).isPositive();
        }
        assertThat(device.acknowledged).hasSize(SAMPLES);
        assertThat(device.resends).isPositive();
        assertThat(ResendingDevice.storedSeqs(kafka.bootstrapServers(), SAMPLES)).containsAll(device.acknowledged);
    }
}
