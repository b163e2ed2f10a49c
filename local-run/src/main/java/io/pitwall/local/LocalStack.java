package io.pitwall.local;

import io.pitwall.gateway.MqttGateway;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.jobs.PitwallJob;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.jobs.config.JobConfig;
import io.pitwall.jobs.config.OfferJobConfig;
import io.pitwall.jobs.offers.OfferJob;
import io.pitwall.local.owners.OwnerBehaviour;
import io.pitwall.local.owners.SimulatedOwnerChannel;
import io.pitwall.offers.callbacks.CallbackServer;
import io.pitwall.offers.callbacks.KafkaOfferEvents;
import io.pitwall.offers.channels.HmacSignature;
import io.pitwall.offers.owners.OwnerProfilePublisher;
import io.pitwall.offers.owners.OwnersCsvReader;
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
import java.io.Reader;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every part of Pitwall running on this machine: real ClickHouse and Kafka as child processes, the
 * gateway, the callback server, a simulated owners' channel and the Flink jobs (health and offers,
 * on one embedded MiniCluster) in this JVM. Parts start in dependency order and {@link #close}
 * stops them in reverse, each by its own handle or PID.
 */
public final class LocalStack implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final ClickHouseServer clickHouse;
    private final KafkaBroker kafka;
    private final MqttGateway gateway;
    private final JobClient job;
    private final Path devicesFile;
    private final CallbackServer callbacks;
    private final SimulatedOwnerChannel ownerChannel;
    private final String channelSecret;

    private final List<String> offerArgs;

    private LocalStack(Path workDir, Consumer<String> progress, OwnerBehaviour owners, Consumer<ServiceOffer> onOffer,
                       List<String> offerArgs) throws Exception {
        this.offerArgs = List.copyOf(offerArgs);
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
        progress.accept("starting the callback server and a simulated owners' channel");
        // One secret signs both ways here; in production the channel integration holds its own.
        channelSecret = HexFormat.of().formatHex(secureBytes(32));
        HmacSignature signature = HmacSignature.ofUtf8(channelSecret);
        KafkaOfferEvents offerEvents = remember(KafkaOfferEvents.connect(kafka.bootstrapServers(), KafkaOfferEvents.DEFAULT_TOPIC,
                Duration.ofSeconds(10)));
        callbacks = remember(CallbackServer.start("127.0.0.1", 0, CallbackServer.DEFAULT_PATH, signature, offerEvents));
        ownerChannel = remember(SimulatedOwnerChannel.start(signature,
                URI.create("http://127.0.0.1:" + callbacks.port() + CallbackServer.DEFAULT_PATH), owners, onOffer));
        progress.accept("starting the Flink jobs");
        job = startJob();
        started.push(() -> job.cancel().get());
    }

    public static LocalStack start(Path workDir, Consumer<String> progress) throws Exception {
        return start(workDir, progress, OwnerBehaviour.realistic(), offer -> { }, new String[0]);
    }

    /**
     * @param owners  how the simulated owners answer offers
     * @param onOffer   told of every offer the simulated owners' channel receives
     * @param offerArgs more offer-job settings, e.g. {@code --offers.quiet-start 00:00}
     */
    public static LocalStack start(Path workDir, Consumer<String> progress, OwnerBehaviour owners,
                                   Consumer<ServiceOffer> onOffer, String... offerArgs) throws Exception {
        return new LocalStack(workDir, progress, owners, onOffer, List.of(offerArgs));
    }

    /** The health job and the offer job as one Flink job on a local MiniCluster. */
    private JobClient startJob() throws Exception {
        Configuration flinkConf = new Configuration();
        flinkConf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flinkConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, flinkConf);
        PitwallJob.configure(env, jobConfig(kafka, clickHouse, 5_000));
        OfferJob.configure(env, offerJobConfig(kafka, clickHouse, 5_000, ownerChannel.webhookUri().toString(), channelSecret,
                offerArgs.toArray(String[]::new)));
        return env.executeAsync(PitwallJob.JOB_NAME);
    }

    /** The offer job's configuration for servers on this machine, delivering to {@code webhookUrl}. */
    public static OfferJobConfig offerJobConfig(KafkaBroker kafka, ClickHouseServer clickHouse, long checkpointMillis,
                                                String webhookUrl, String webhookSecret, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--kafka.bootstrap", kafka.bootstrapServers(),
                "--clickhouse.url", clickHouse.httpUrl(),
                "--checkpoint.interval-ms", Long.toString(checkpointMillis),
                "--offers.webhook.url", webhookUrl,
                "--offers.webhook.secret", webhookSecret));
        args.addAll(List.of(more));
        return OfferJobConfig.from(args.toArray(String[]::new), Map.of());
    }

    /** Imports an owners CSV (the simulator's export or a CRM's) into {@code owner.profiles}; returns how many. */
    public int importOwners(Path csv) throws IOException {
        List<OwnerProfile> profiles;
        try (Reader reader = Files.newBufferedReader(csv)) {
            profiles = new OwnersCsvReader(Instant.now()).read(reader);
        }
        try (OwnerProfilePublisher publisher = OwnerProfilePublisher.connect(kafka.bootstrapServers(),
                OwnerProfilePublisher.DEFAULT_TOPIC)) {
            publisher.publishAll(profiles);
        }
        return profiles.size();
    }

    public SimulatedOwnerChannel ownerChannel() {
        return ownerChannel;
    }

    public CallbackServer callbacks() {
        return callbacks;
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

    private static byte[] secureBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
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
