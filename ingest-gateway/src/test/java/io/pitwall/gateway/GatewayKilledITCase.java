package io.pitwall.gateway;

import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.localservices.junit.RealKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway runs as its own process (the real CLI) and is killed with SIGKILL in the middle of
 * a stream of QoS 1 publishes, then started again on the same port. The device resends what was
 * not acknowledged after reconnecting; afterwards every sample is in Kafka - no gap.
 */
@ExtendWith(RealKafkaExtension.class)
class GatewayKilledITCase {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayKilledITCase.class);
    private static final String VIN = "LSVAU2180N2183294";
    private static final String SECRET = "killed-secret";
    private static final int SAMPLES = 200;

    @TempDir
    Path dir;

    @Test
    void clientResendsAfterTheGatewayWasKilledFillEveryGap(KafkaBroker kafka) throws Exception {
        kafka.createTopic("telemetry.raw", 2, Map.of());
        kafka.createTopic("telemetry.rejected", 1, Map.of());
        Path devices = dir.resolve("devices.json");
        new DeviceRegistry(devices, SecretHasher.DEFAULT).register(VIN, SECRET);
        int port = freePort();
        AtomicReference<Process> gateway = new AtomicReference<>(startGateway(port, kafka, devices, 1));
        AtomicReference<Throwable> killFailure = new AtomicReference<>();
        try {
            awaitListening(port);
            ResendingDevice device = new ResendingDevice(port, VIN, SECRET);
            Thread killer = new Thread(() -> {
                try {
                    GatewayIngestITCase.await("60 samples acknowledged", () -> device.acknowledged.size() >= 60);
                    Process p = gateway.get();
                    LOG.info("Killing the gateway (pid {})", p.pid());
                    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    gateway.set(startGateway(port, kafka, devices, 2));
                } catch (Throwable e) {
                    killFailure.set(e);
                }
            }, "gateway-killer");
            killer.start();
            device.publish(1, SAMPLES);
            device.close();
            killer.join(120_000);
            assertThat(killFailure.get()).isNull();
            LOG.info("All {} samples acknowledged with {} resends", SAMPLES, device.resends);
            assertThat(device.resends).isPositive();
            assertThat(ResendingDevice.storedSeqs(kafka.bootstrapServers(), SAMPLES))
                    .containsAll(device.acknowledged).hasSize(SAMPLES);
        } finally {
            stop(gateway.get());
        }
    }

    private Process startGateway(int port, KafkaBroker kafka, Path devices, int run) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), GatewayMain.class.getName(), "serve",
                "--port", String.valueOf(port), "--kafka", kafka.bootstrapServers(), "--devices", devices.toString(),
                "--gateway-id", "gw-killed", "--http-port", "-1", "--notices-topic", "")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway-" + run + ".log").toFile());
        Process p = builder.start();
        LOG.info("Started gateway run {} as pid {}", run, p.pid());
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        GatewayIngestITCase.await("the gateway listens on " + port, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
