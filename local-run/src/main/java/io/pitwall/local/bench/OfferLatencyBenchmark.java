package io.pitwall.local.bench;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.jobs.offers.OfferJob;
import io.pitwall.local.LocalStack;
import io.pitwall.local.TopicLayout;
import io.pitwall.local.owners.OwnerBehaviour;
import io.pitwall.local.owners.SimulatedOwnerChannel;
import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.KafkaBroker;
import io.pitwall.offers.channels.HmacSignature;
import io.pitwall.offers.owners.OwnerProfilePublisher;
import io.pitwall.simulators.fleet.VinFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 7's latency benchmark: the offer job alone on a local MiniCluster against real Kafka and
 * ClickHouse, {@code --owners} owner profiles imported, and alerts produced to
 * {@code vehicle.alerts} at {@code --rate} per second. The time from producing an alert to its
 * decision arriving on {@code service.offers} (wall clock, one JVM) is the alert-to-decision
 * latency; a quiet-hours hold is a decision too (its later release is not timed). Sent offers go to
 * a local webhook receiver. Bounded in time; stops everything it started.
 */
@Command(name = "offer-latency", mixinStandardHelpOptions = true,
        description = "Latency from an alert on vehicle.alerts to its decision on service.offers.")
public final class OfferLatencyBenchmark implements Callable<Integer> {

    @Option(names = "--owners", defaultValue = "10000", description = "Owners, one car each (default ${DEFAULT-VALUE}).")
    int owners;
    @Option(names = "--rate", defaultValue = "500", description = "Alerts per second (default ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--warmup-seconds", defaultValue = "20", description = "Alerts before measuring (default ${DEFAULT-VALUE}).")
    int warmupSeconds;
    @Option(names = "--seconds", defaultValue = "60", description = "Measured period (default ${DEFAULT-VALUE}).")
    int seconds;
    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;
    @Option(names = "--work-dir", defaultValue = ".pitwall/bench-offer-latency", description = "Scratch directory, emptied first (default ${DEFAULT-VALUE}).")
    Path workDir;

    private static final long SEED = 9090;
    private static final List<AlertKind> KINDS = List.of(AlertKind.BRAKE_PADS_WORN, AlertKind.TIRE_PRESSURE_LOW,
            AlertKind.LOW_12V_BATTERY, AlertKind.COOLANT_OVERHEAT, AlertKind.DTC_NEW);

    private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
    private final Map<Decision, AtomicLong> decisions = new EnumMap<>(Decision.class);

    public static void main(String[] args) {
        System.exit(new CommandLine(new OfferLatencyBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        for (Decision d : Decision.values()) {
            decisions.put(d, new AtomicLong());
        }
        workDir = workDir.toAbsolutePath();
        TopicTail.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        try (ClickHouseServer clickHouse = ClickHouseServer.start(workDir.resolve("clickhouse"));
             KafkaBroker kafka = KafkaBroker.start(workDir.resolve("kafka"));
             SimulatedOwnerChannel channel = SimulatedOwnerChannel.start(HmacSignature.ofUtf8(secret),
                     URI.create("http://127.0.0.1:9/unused"), new OwnerBehaviour(0, 0, 0, 0), offer -> { })) {
            TopicLayout.TOPICS.values().forEach(t -> kafka.createTopic(t.name(), t.partitions(), t.configs()));
            List<String> vins = importOwners(kafka);
            JobClient job = startJob(kafka, clickHouse, channel.webhookUri().toString(), secret);
            try (TopicTail tail = consumeDecisions(kafka)) {
                awaitOwners(clickHouse);
                TopicTail.log("job running, " + owners + " owners loaded; warming up for " + warmupSeconds + " s at " + rate + " alerts/s");
                try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                    produce(producer, vins, warmupSeconds, false);
                    produce(producer, vins, seconds, true);
                }
                Thread.sleep(3_000);
                print(channel.received().size());
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    private List<String> importOwners(KafkaBroker kafka) {
        List<String> vins = new ArrayList<>();
        List<OwnerProfile> profiles = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < owners; i++) {
            String vin = VinFactory.vin(SEED, i);
            vins.add(vin);
            Map<Channel, Boolean> consent = new HashMap<>();
            consent.put(i % 4 == 0 ? Channel.APP : Channel.WECOM, true);
            profiles.add(new OwnerProfile(OwnerProfile.SCHEMA_VERSION, String.format("OWN-B%06d", i), List.of(vin),
                    3_000 + (i % 10) * 5_000, i % 6, now - (i % 400) * 86_400_000L, null, consent, "Asia/Shanghai",
                    i % 3 == 0 ? "en" : "zh-CN", "WS-" + (i % 50), "Workshop " + (i % 50), null, now));
        }
        try (OwnerProfilePublisher publisher = OwnerProfilePublisher.connect(kafka.bootstrapServers(),
                OwnerProfilePublisher.DEFAULT_TOPIC)) {
            publisher.publishAll(profiles);
        }
        return vins;
    }

    private JobClient startJob(KafkaBroker kafka, ClickHouseServer clickHouse, String webhook, String secret) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
        OfferJob.configure(env, LocalStack.offerJobConfig(kafka, clickHouse, 10_000, webhook, secret));
        return env.executeAsync("offer-latency-benchmark");
    }

    /** The decider must know every owner before alerts are timed; the owners table fills from the same topic. */
    private void awaitOwners(ClickHouseServer clickHouse) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String count = clickHouse.query("SELECT count() FROM pitwall.owners").strip();
            if (Long.parseLong(count) >= owners) {
                Thread.sleep(2_000);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the offer job did not load " + owners + " owners within 3 minutes");
    }

    /** Alerts at the set rate, round robin over the cars and the alert kinds; only measured ones are timed. */
    private void produce(KafkaProducer<String, byte[]> producer, List<String> vins, int forSeconds, boolean measured)
            throws InterruptedException {
        long intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(forSeconds);
        for (long n = 0; System.nanoTime() < end; n++) {
            String vin = vins.get((int) (n % vins.size()));
            AlertKind kind = KINDS.get((int) ((n / vins.size()) % KINDS.size()));
            long now = System.currentTimeMillis();
            String alertId = UUID.randomUUID().toString();
            Alert alert = new Alert(Alert.SCHEMA_VERSION, alertId, vin, kind, Severity.WARNING, AlertState.OPEN, now, now,
                    Map.of(), null);
            if (measured) {
                sentNanos.put(alertId, System.nanoTime());
            }
            producer.send(new ProducerRecord<>("vehicle.alerts", vin, Json.write(alert)));
            long sleep = start + (n + 1) * intervalNanos - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        producer.flush();
    }

    private TopicTail consumeDecisions(KafkaBroker kafka) {
        return new TopicTail(kafka.bootstrapServers(), "service.offers", "offer-latency-bench", (arrived, record) -> {
            ServiceOffer offer = Json.read(record.value(), ServiceOffer.class);
            Long sent = sentNanos.remove(offer.triggerId());
            if (sent != null) {
                latencyMicros.recordValue(Math.max(1, (arrived - sent) / 1000));
                decisions.get(offer.decision()).incrementAndGet();
            }
        });
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private void print(int webhookOffers) {
        System.out.println();
        System.out.println("== offer-latency benchmark ==");
        System.out.printf("%d owners; %.0f alerts/s for %d s measured (after %d s warm-up); Flink parallelism %d%n", owners, rate,
                seconds, warmupSeconds, parallelism);
        System.out.printf("decisions timed: %d (of %d alerts sent); by decision: %s; offers received by the webhook: %d%n",
                latencyMicros.getTotalCount(), latencyMicros.getTotalCount() + sentNanos.size(), decisions, webhookOffers);
        if (latencyMicros.getTotalCount() > 0) {
            System.out.printf("alert produced -> decision consumed from service.offers (ms): p50 %.1f | p90 %.1f | p99 %.1f"
                            + " | p99.9 %.1f | max %.1f%n",
                    latencyMicros.getValueAtPercentile(50) / 1000.0, latencyMicros.getValueAtPercentile(90) / 1000.0,
                    latencyMicros.getValueAtPercentile(99) / 1000.0, latencyMicros.getValueAtPercentile(99.9) / 1000.0,
                    latencyMicros.getMaxValue() / 1000.0);
        }
    }
}
