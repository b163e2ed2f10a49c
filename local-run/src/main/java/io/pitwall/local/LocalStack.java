package io.pitwall.local;

import io.pitwall.gateway.MqttGateway;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.jobs.PitwallJob;
import io.pitwall.jobs.config.JobConfig;
import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.simulators.fleet.DeviceSecrets;
import io.pitwall.simulators.fleet.Fleet;
import io.pitwall.simulators.fleet.FleetOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every part of Pitwall running on this machine: real ClickHouse and Kafka as child processes, the
 * gateway and the Flink job (on an embedded MiniCluster) in this JVM. Parts start in dependency
 * order and {@link #close} stops them in reverse, each by its own handle or PID.
 */
public final class LocalStack implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final ClickHouseServer clickHouse;
    private final KafkaBroker kafka;
    private final MqttGateway gateway;
    private final JobClient job;
    private final Path devicesFile;

    private LocalStack(Path workDir, Consumer<String> progress) throws Exception {
        Files.createDirectories(workDir);
        progress.accept("starting ClickHouse");
        clickHouse = remember(ClickHouseServer.start(workDir.resolve("clickhouse")));
        progress.accept("starting Kafka");
        kafka = remember(KafkaBroker.start(workDir.resolve("kafka")));
        TopicLayout.TOPICS.values().forEach(t -> kafka.createTopic(t.name(), t.partitions(), t.configs()));
        devicesFile = workDir.resolve("devices.json");
        progress.accept("starting the gateway");
        gateway = remember(MqttGateway.start(GatewayConfig.builder()
                .mqttPort(0)
                .kafkaBootstrap(kafka.bootstrapServers())
                .deviceRegistry(devicesFile)
                .build()));
        progress.accept("starting the Flink job");
        job = startJob();
        started.push(() -> job.cancel().get());
    }

    public static LocalStack start(Path workDir, Consumer<String> progress) throws Exception {
        return new LocalStack(workDir, progress);
    }

    private JobClient startJob() throws Exception {
        JobConfig config = jobConfig(kafka, clickHouse, 5_000);
        Configuration flinkConf = new Configuration();
        flinkConf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flinkConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, flinkConf);
        PitwallJob.configure(env, config);
        return env.executeAsync(PitwallJob.JOB_NAME);
    }

    /**
     * The job's configuration for servers started on this machine: defaults everywhere else, so
     * the local run, the tests and the benchmark run the job as {@code main} would.
     */
    public static JobConfig jobConfig(KafkaBroker kafka, ClickHouseServer clickHouse, long checkpointMillis) {
        return JobConfig.from(new String[] {
                "--kafka.bootstrap", kafka.bootstrapServers(),
                "--clickhouse.url", clickHouse.httpUrl(),
                "--checkpoint.interval-ms", Long.toString(checkpointMillis)}, Map.of());
    }

    /** Registers a simulated fleet's devices with the gateway (their secrets follow from the seed). */
    public void registerFleet(FleetOptions fleet) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < fleet.vehicles(); i++) {
            String vin = Fleet.vin(fleet, i);
            secrets.put(vin, DeviceSecrets.secretFor(fleet.seed(), vin));
        }
        new DeviceRegistry(devicesFile, SecretHasher.DEFAULT).registerAll(secrets);
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + gateway.port();
    }

    public ClickHouseServer clickHouse() {
        return clickHouse;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public MqttGateway gateway() {
        return gateway;
    }

    private <T extends AutoCloseable> T remember(T part) {
        started.push(part);
        return part;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e);
            }
        }
    }

    /** Reads a single number from ClickHouse, e.g. a count; -1 while the server cannot answer. */
    public long queryNumber(String sql) {
        try {
            return Long.parseLong(clickHouse.query(sql).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
