package io.pitwall.localservices;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running in a
 * child JVM on free loopback ports, with its data in a directory of the caller's choosing.
 *
 * <p>The broker keeps its ports and data across {@link #restart()}, so tests can take Kafka away
 * in the middle of a stream and bring the same cluster back.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Watchdog.DEFAULT_STOP_GRACE;
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final String SERVER_NAME = "Kafka broker";

    private final Path workDir;
    private final int port;
    private final int controllerPort;
    private final Duration startTimeout;
    private final String classpath;
    private volatile Watchdog process;

    private KafkaBroker(Path workDir, int port, int controllerPort, Duration startTimeout, String classpath) {
        this.workDir = workDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.startTimeout = startTimeout;
        this.classpath = classpath;
    }

    /**
     * Starts a broker with its data in {@code workDir} (formatted on first use, reused after that)
     * and waits up to 60 s until it answers an admin client.
     */
    public static KafkaBroker start(Path workDir) throws IOException {
        return start(workDir, DEFAULT_START_TIMEOUT);
    }

    /** As {@link #start(Path)}, waiting up to {@code startTimeout} for the broker to answer. */
    public static KafkaBroker start(Path workDir, Duration startTimeout) throws IOException {
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        int[] ports = FreePorts.pick(2);
        KafkaBroker broker = new KafkaBroker(dir, ports[0], ports[1], startTimeout, KafkaClasspath.load());
        broker.launch();
        return broker;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** PID of the broker JVM (the last one started, after a stop). */
    public long pid() {
        return process.serverPid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The broker's stdout and stderr, appended across restarts. */
    public Path logFile() {
        return workDir.resolve("kafka.log");
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader, so
     * that clients can use it at once. A topic that already exists is left as it is.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(adminConfig())) {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                        .all().get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + name + " on " + bootstrapServers(), e.getCause());
                }
            }
            awaitLeaders(admin, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers() + " did not create topic " + name
                    + " within " + ADMIN_CALL_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private void awaitLeaders(Admin admin, String topic) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_CALL_TIMEOUT.toNanos();
        // The controller has committed the topic; the broker's metadata cache follows a moment later.
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException notYetKnown) {
                // UnknownTopicOrPartition until the metadata arrives; retried below.
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("Partitions of topic " + topic + " have no leader");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Shuts the broker down cleanly (SIGTERM), killing it if it takes more than 20 s. Does
     * nothing if it is not running.
     */
    public synchronized void stop() {
        process.stop(STOP_GRACE);
    }

    /** Kills the broker with SIGKILL, as a crash would; its data stays for {@link #restart()}. */
    public synchronized void kill() {
        process.kill();
    }

    /**
     * Starts the broker again on the same ports with the same data, stopping it first if it
     * still runs, and waits until it answers.
     */
    public synchronized void restart() throws IOException {
        process.stop(STOP_GRACE);
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() throws IOException {
        Path properties = workDir.resolve("server.properties");
        Path logDir = workDir.resolve("data");
        KafkaServerProperties.write(properties, KafkaServerProperties.of(port, controllerPort, logDir));
        Path log4jConfig = writeLog4jConfig();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            formatStorage(properties, log4jConfig);
        }
        List<String> command = javaCommand(log4jConfig, "-Xms256m", "-Xmx512m");
        command.addAll(List.of("kafka.Kafka", properties.toString()));
        process = Watchdog.start(command, workDir, logFile());
        Readiness.await(SERVER_NAME, process, startTimeout, PROBE_INTERVAL, new ClusterAnswers());
    }

    private void formatStorage(Path properties, Path log4jConfig) throws IOException {
        List<String> command = javaCommand(log4jConfig, "-Xmx256m");
        command.addAll(List.of("kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", properties.toString()));
        Watchdog format = Watchdog.start(command, workDir, logFile());
        var status = format.awaitExit(startTimeout);
        if (status.isEmpty()) {
            format.kill();
            throw ServerStartException.of(SERVER_NAME, "storage format did not finish within " + startTimeout.toSeconds() + " s",
                    command, logFile(), null);
        }
        format.stop(STOP_GRACE);
        if (status.getAsInt() != 0) {
            throw ServerStartException.of(SERVER_NAME, "storage format failed with status " + status.getAsInt(),
                    command, logFile(), null);
        }
    }

    private List<String> javaCommand(Path log4jConfig, String... heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(heap));
        command.add("-Dlog4j2.configurationFile=" + log4jConfig);
        command.addAll(List.of("-cp", classpath));
        return command;
    }

    private Path writeLog4jConfig() throws IOException {
        Path target = workDir.resolve("log4j2.xml");
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker-log4j2.xml")) {
            if (in == null) {
                throw new IllegalStateException("Resource io/pitwall/localservices/kafka-broker-log4j2.xml is missing from pitwall-local-services");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private Properties adminConfig() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pitwall-local-services");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ADMIN_CALL_TIMEOUT.toMillis()));
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        return config;
    }

    /**
     * The broker is ready when an admin client can describe the cluster. The port is tried first
     * with a bare socket, so the admin client does not fill the caller's log with connection
     * warnings while the JVM boots.
     */
    private final class ClusterAnswers implements Readiness.Probe {

        @Override
        public boolean ready() throws Exception {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            } catch (IOException notListening) {
                return false;
            }
            try (Admin admin = Admin.create(adminConfig())) {
                return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                        .nodes().get(10, TimeUnit.SECONDS).isEmpty();
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", pid " + pid() + ", " + workDir + "]";
    }
}
