package io.pitwall.local.bench;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.gateway.MqttGateway;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.config.Limits;
import io.pitwall.jobs.PitwallJob;
import io.pitwall.jobs.config.JobConfig;
import io.pitwall.local.LocalStack;
import io.pitwall.local.TopicLayout;
import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.simulators.fleet.DeviceSecrets;
import io.pitwall.simulators.fleet.VinFactory;
import io.pitwall.simulators.load.LoadGenerator;
import io.pitwall.simulators.load.LoadOptions;
import io.pitwall.simulators.load.LoadReport;
import org.HdrHistogram.Histogram;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Issue 4's end-to-end benchmark: everything running locally (ClickHouse, Kafka, the gateway and
 * the Flink job), the simulator's load generator publishing telemetry at a sustained rate, and a
 * probe car that sets a new trouble code every so often. Each code must come back as a DTC_NEW
 * alert on {@code vehicle.alerts}; the time from the probe's MQTT PUBLISH to the alert consumed
 * from Kafka is the end-to-end latency. Also reports what the job stored per second and the
 * checkpointed state size per vehicle. Bounded in time; stops everything it started.
 */
@Command(name = "alert-latency", mixinStandardHelpOptions = true,
        description = "End-to-end latency from MQTT PUBLISH to the alert on vehicle.alerts under load.")
public final class AlertLatencyBenchmark implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "10000", description = "Background samples per second (default ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--connections", defaultValue = "500", description = "Publishing vehicles (default ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--signals", defaultValue = "10", description = "Signals per sample (default ${DEFAULT-VALUE}).")
    int signals;
    @Option(names = "--warmup-seconds", defaultValue = "30", description = "Load before measuring (default ${DEFAULT-VALUE}).")
    int warmupSeconds;
    @Option(names = "--seconds", defaultValue = "60", description = "Measured period (default ${DEFAULT-VALUE}).")
    int seconds;
    @Option(names = "--probes-per-second", defaultValue = "10", description = "Trouble codes the probe car sets per second (default ${DEFAULT-VALUE}).")
    int probesPerSecond;
    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;
    @Option(names = "--work-dir", defaultValue = ".pitwall/bench-alert-latency", description = "Scratch directory, emptied first (default ${DEFAULT-VALUE}).")
    Path workDir;

    private static final long LOAD_SEED = 4242;
    private final Map<String, Long> probeSentNanos = new ConcurrentHashMap<>();
    private final Histogram latencyMicros = new Histogram(60_000_000L, 3);

    public static void main(String[] args) {
        System.exit(new CommandLine(new AlertLatencyBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        workDir = workDir.toAbsolutePath();
        TopicTail.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        String probeVin = VinFactory.vin(777, 0);
        try (ClickHouseServer clickHouse = ClickHouseServer.start(workDir.resolve("clickhouse"));
             KafkaBroker kafka = KafkaBroker.start(workDir.resolve("kafka"))) {
            TopicLayout.TOPICS.values().forEach(t -> kafka.createTopic(t.name(), t.partitions(), t.configs()));
            Path devices = registerDevices(probeVin);
            Limits limits = Limits.defaults().withMaxConnectsPerIpPerSecond(100_000).withMaxPublishesPerSecond(10_000)
                    .withMaxPublishBytesPerSecond(64 << 20);
            try (MqttGateway gateway = MqttGateway.start(GatewayConfig.builder().mqttPort(0).gatewayId("gw-bench")
                    .kafkaBootstrap(kafka.bootstrapServers()).deviceRegistry(devices).limits(limits).build())) {
                JobClient job = startJob(kafka, clickHouse);
                AtomicBoolean measuring = new AtomicBoolean();
                TopicTail consumer = consumeAlerts(kafka, probeVin, measuring);
                LoadOptions load = new LoadOptions("127.0.0.1", gateway.port(), connections, 0,
                        List.of("127.0.0.1"), rate, 1, 64, Duration.ofSeconds(warmupSeconds + seconds + 5L), 0,
                        LOAD_SEED, "v1/vehicles/{vin}/telemetry", "{vin}", "{vin}", null, signals, 60,
                        Duration.ofSeconds(120));
                LoadReport[] report = new LoadReport[1];
                Thread loader = new Thread(() -> {
                    try {
                        report[0] = LoadGenerator.run(load, line -> { });
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "load");
                loader.start();
                long rowsBefore;
                try {
                    MqttAsyncClient probe = connectProbe(gateway.port(), probeVin);
                    TopicTail.log("load running; warming up for " + warmupSeconds + " s");
                    Thread.sleep(warmupSeconds * 1000L);
                    rowsBefore = count(clickHouse);
                    measuring.set(true);
                    long started = System.nanoTime();
                    long measuredStart = System.currentTimeMillis();
                    probe(probe, probeVin, started);
                    long rowsAfter = count(clickHouse);
                    double measuredSeconds = (System.currentTimeMillis() - measuredStart) / 1000.0;
                    Thread.sleep(3_000);
                    measuring.set(false);
                    long stateBytes = latestCheckpointBytes();
                    loader.join(TimeUnit.SECONDS.toMillis(warmupSeconds + seconds + 60L));
                    probe.disconnect().waitForCompletion(5_000);
                    probe.close();
                    print(report[0], (rowsAfter - rowsBefore) / measuredSeconds, stateBytes);
                } finally {
                    loader.interrupt();
                    consumer.close();
                    job.cancel().get(60, TimeUnit.SECONDS);
                }
            }
        }
        return 0;
    }

    private Path registerDevices(String probeVin) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < connections; i++) {
            String vin = VinFactory.vin(LOAD_SEED, i);
            secrets.put(vin, DeviceSecrets.secretFor(LOAD_SEED, vin));
        }
        secrets.put(probeVin, "probe-secret");
        Path devices = workDir.resolve("devices.json");
        // Cheap hash parameters: authentication happens once per connection, before measuring.
        new DeviceRegistry(devices, new SecretHasher(1024, 1, 1)).registerAll(secrets);
        return devices;
    }

    private JobClient startJob(KafkaBroker kafka, ClickHouseServer clickHouse) throws Exception {
        JobConfig config = LocalStack.jobConfig(kafka, clickHouse, 10_000);
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, workDir.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        PitwallJob.configure(env, config);
        return env.executeAsync("alert-latency-benchmark");
    }

    private MqttAsyncClient connectProbe(int port, String vin) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, vin, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(vin);
        options.setPassword("probe-secret".toCharArray());
        options.setMaxInflight(1000);
        client.connect(options).waitForCompletion(30_000);
        return client;
    }

    /** Sets a new trouble code every 1/probesPerSecond s for the measured period. */
    private void probe(MqttAsyncClient client, String vin, long startedNanos) throws Exception {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / probesPerSecond;
        long end = startedNanos + TimeUnit.SECONDS.toNanos(seconds);
        long seq = System.currentTimeMillis() * 1000;
        for (int n = 0; System.nanoTime() < end; n++) {
            String code = String.format("P%04X", n % 0x1000);
            String event = "{\"vin\":\"" + vin + "\",\"seq\":" + (++seq) + ",\"ts\":" + System.currentTimeMillis()
                    + ",\"type\":\"DTC_SET\",\"code\":\"" + code + "\"}";
            String clear = "{\"vin\":\"" + vin + "\",\"seq\":" + (++seq) + ",\"ts\":" + System.currentTimeMillis()
                    + ",\"type\":\"DTC_CLEARED\",\"code\":\"" + code + "\"}";
            probeSentNanos.put(code, System.nanoTime());
            client.publish("v1/vehicles/" + vin + "/events", event.getBytes(StandardCharsets.UTF_8), 1, false);
            // Cleared at once, so the same code can be set again when the counter wraps.
            client.publish("v1/vehicles/" + vin + "/events", clear.getBytes(StandardCharsets.UTF_8), 1, false);
            long next = startedNanos + (n + 1) * intervalNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
    }

    private TopicTail consumeAlerts(KafkaBroker kafka, String probeVin, AtomicBoolean measuring) {
        return new TopicTail(kafka.bootstrapServers(), "vehicle.alerts", "alert-latency-bench", (arrived, record) -> {
            Alert alert = Json.read(record.value(), Alert.class);
            if (alert.vin().equals(probeVin) && alert.kind() == AlertKind.DTC_NEW
                    && alert.state() == AlertState.OPEN && measuring.get()) {
                Long sent = probeSentNanos.remove(String.valueOf(alert.evidence().get("code")));
                if (sent != null) {
                    latencyMicros.recordValue(Math.max(1, (arrived - sent) / 1000));
                }
            }
        });
    }

    private static long count(ClickHouseServer clickHouse) throws IOException {
        return Long.parseLong(clickHouse.query("SELECT count() FROM pitwall.telemetry").strip());
    }

    private long latestCheckpointBytes() throws IOException {
        Path root = workDir.resolve("checkpoints");
        if (!Files.isDirectory(root)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(root)) {
            Path newest = files.filter(f -> f.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(f -> Long.parseLong(f.getFileName().toString().substring(4))))
                    .orElse(null);
            if (newest == null) {
                return -1;
            }
            try (Stream<Path> inside = Files.walk(newest)) {
                return inside.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        }
    }

    private void print(LoadReport load, double storedPerSecond, long stateBytes) {
        System.out.println();
        System.out.println("== alert-latency benchmark ==");
        System.out.printf("background load: %d vehicles, target %.0f samples/s, %d signals each%n", connections, rate, signals);
        if (load != null) {
            System.out.print(load.summary());
        }
        System.out.printf("stored in ClickHouse during the measured period: %.0f samples/s%n", storedPerSecond);
        System.out.printf("probe: %d trouble codes per second for %d s; alerts received: %d (of %d sent)%n",
                probesPerSecond, seconds, latencyMicros.getTotalCount(),
                latencyMicros.getTotalCount() + probeSentNanos.size());
        if (latencyMicros.getTotalCount() > 0) {
            System.out.printf("PUBLISH -> alert on vehicle.alerts (ms): p50 %.1f | p90 %.1f | p99 %.1f | max %.1f%n",
                    latencyMicros.getValueAtPercentile(50) / 1000.0, latencyMicros.getValueAtPercentile(90) / 1000.0,
                    latencyMicros.getValueAtPercentile(99) / 1000.0, latencyMicros.getMaxValue() / 1000.0);
        }
        if (stateBytes >= 0) {
            System.out.printf("latest checkpoint: %d bytes for %d vehicles = %.0f bytes per vehicle%n", stateBytes,
                    connections + 1, stateBytes / (double) (connections + 1));
        }
    }
}
