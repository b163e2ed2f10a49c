package io.pitwall.gateway;

import io.pitwall.gateway.auth.Device;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
import io.pitwall.gateway.config.Limits;
import io.pitwall.gateway.config.TlsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The gateway's command line: {@code serve} runs it, {@code devices} manages the vehicles allowed
 * to connect. picocli gives every command and option a {@code --help} and environment defaults.
 */
@Command(name = "pitwall-gateway", mixinStandardHelpOptions = true,
        description = "Pitwall ingest gateway: an MQTT server that stores vehicle telemetry in Kafka.",
        subcommands = {GatewayMain.Serve.class, GatewayMain.Devices.class})
public final class GatewayMain {

    public static void main(String[] args) {
        // Library modules ship no log4j2.xml (it would override their host's); the program picks its own.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-pitwall-gateway.xml");
        }
        System.exit(new CommandLine(new GatewayMain())
                .setExecutionExceptionHandler(GatewayMain::reportConfigurationError)
                .execute(args));
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the MQTT gateway until stopped.")
    static final class Serve implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--bind", defaultValue = "${env:PITWALL_BIND:-127.0.0.1}",
                description = "Address to listen on (default ${DEFAULT-VALUE}).")
        String bind;
        @Option(names = "--port", defaultValue = "${env:PITWALL_MQTT_PORT:-1883}",
                description = "Plain MQTT port (default ${DEFAULT-VALUE}).")
        int port;
        @Option(names = "--gateway-id", defaultValue = "${env:PITWALL_GATEWAY_ID:-gw-1}",
                description = "This node's id in every record (default ${DEFAULT-VALUE}).")
        String gatewayId;
        @Option(names = "--kafka", defaultValue = "${env:PITWALL_KAFKA_BOOTSTRAP}",
                description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092 (required).")
        String kafka;
        @Option(names = "--devices", defaultValue = "${env:PITWALL_DEVICES}",
                description = "Device registry JSON file (required).")
        Path devices;
        @Option(names = "--max-packet-bytes", defaultValue = "${env:PITWALL_MAX_PACKET_BYTES:-262144}",
                description = "Largest MQTT packet accepted (default ${DEFAULT-VALUE}).")
        int maxPacketBytes;
        @Option(names = "--http-port", defaultValue = "${env:PITWALL_HTTP_PORT:-9464}",
                description = "Loopback port of /metrics, /health/live and /health/ready; -1 for none (default ${DEFAULT-VALUE}).")
        int httpPort;
        @Option(names = "--notices-topic", defaultValue = "${env:PITWALL_NOTICES_TOPIC:-vehicle.notices}",
                description = "Kafka topic of notices to deliver to vehicles; empty turns the downlink off (default ${DEFAULT-VALUE}).")
        String noticesTopic;
        @Option(names = "--max-connections", defaultValue = "${env:PITWALL_MAX_CONNECTIONS:-18000}",
                description = "Open connections before CONNECT is refused as server busy (default ${DEFAULT-VALUE}).")
        int maxConnections;
        @Option(names = "--max-connects-per-ip", defaultValue = "${env:PITWALL_MAX_CONNECTS_PER_IP:-100}",
                description = "New connections per source address and second (default ${DEFAULT-VALUE}).")
        int maxConnectsPerIp;
        @Option(names = "--max-publishes-per-second", defaultValue = "${env:PITWALL_MAX_PUBLISHES_PER_SECOND:-100}",
                description = "PUBLISH packets per connection and second (default ${DEFAULT-VALUE}).")
        int maxPublishesPerSecond;
        @Option(names = "--max-publish-bytes-per-second", defaultValue = "${env:PITWALL_MAX_PUBLISH_BYTES_PER_SECOND:-1048576}",
                description = "PUBLISH payload bytes per connection and second (default ${DEFAULT-VALUE}).")
        int maxPublishBytesPerSecond;
        @Option(names = "--max-subscriptions", defaultValue = "${env:PITWALL_MAX_SUBSCRIPTIONS:-16}",
                description = "Topic filters per session (default ${DEFAULT-VALUE}).")
        int maxSubscriptions;
        @Option(names = "--max-queued-messages", defaultValue = "${env:PITWALL_MAX_QUEUED_MESSAGES:-100}",
                description = "Messages queued per session while offline (default ${DEFAULT-VALUE}).")
        int maxQueuedMessages;
        @Option(names = "--max-in-flight-total", defaultValue = "${env:PITWALL_MAX_IN_FLIGHT_TOTAL:-10000}",
                description = "Kafka writes in flight across all connections before reading pauses (default ${DEFAULT-VALUE}).")
        int maxInFlightTotal;
        @Option(names = "--kafka-delivery-timeout-ms", defaultValue = "${env:PITWALL_KAFKA_DELIVERY_TIMEOUT_MS:-30000}",
                description = "How long a Kafka write is retried before the publish stays unacknowledged (default ${DEFAULT-VALUE}).")
        int kafkaDeliveryTimeoutMs;
        @Option(names = "--tls-port", defaultValue = "${env:PITWALL_TLS_PORT:-8883}",
                description = "MQTT over TLS port, used when --tls-key-store is set (default ${DEFAULT-VALUE}).")
        int tlsPort;
        @Option(names = "--tls-key-store", defaultValue = "${env:PITWALL_TLS_KEY_STORE}",
                description = "PKCS#12 file with the server key and certificate chain; turns the TLS listener on.")
        Path tlsKeyStore;
        @Option(names = "--tls-key-store-password", defaultValue = "${env:PITWALL_TLS_KEY_STORE_PASSWORD}",
                description = "Password of the key store.")
        String tlsKeyStorePassword;
        @Option(names = "--tls-trust-store", defaultValue = "${env:PITWALL_TLS_TRUST_STORE}",
                description = "PKCS#12 file with the CAs of device certificates; turns mutual TLS (CN = VIN) on.")
        Path tlsTrustStore;
        @Option(names = "--tls-trust-store-password", defaultValue = "${env:PITWALL_TLS_TRUST_STORE_PASSWORD}",
                description = "Password of the trust store.")
        String tlsTrustStorePassword;
        @Option(names = "--insecure-development-profile", defaultValue = "${env:PITWALL_INSECURE_DEVELOPMENT_PROFILE:-false}",
                description = "INSECURE: no authentication, general publish/subscribe on any topic, for MQTT tools and "
                        + "conformance suites. Never in production.")
        boolean developmentProfile;
        @Option(names = "--max-keep-alive", defaultValue = "${env:PITWALL_MAX_KEEP_ALIVE:-600}",
                description = "Longest keep-alive granted, in seconds (default ${DEFAULT-VALUE}).")
        int maxKeepAlive;
        @Option(names = "--event-loops", defaultValue = "${env:PITWALL_EVENT_LOOPS:-0}",
                description = "Threads serving MQTT connections; 0 for one per core (default ${DEFAULT-VALUE}).")
        int eventLoops;

        @Override
        public Integer call() throws Exception {
            GatewayConfig config = GatewayConfig.builder().bindHost(bind).mqttPort(port).gatewayId(gatewayId)
                    .kafkaBootstrap(kafka).deviceRegistry(devices).maxPacketBytes(maxPacketBytes)
                    .httpPort(httpPort).noticesTopic(noticesTopic).kafkaDeliveryTimeoutMs(kafkaDeliveryTimeoutMs)
                    .developmentProfile(developmentProfile).eventLoops(eventLoops)
                    .tls(tlsKeyStore == null ? null : new TlsConfig(tlsPort, tlsKeyStore, tlsKeyStorePassword,
                            tlsTrustStore, tlsTrustStorePassword))
                    .limits(Limits.defaults().withMaxConnections(maxConnections)
                            .withMaxConnectsPerIpPerSecond(maxConnectsPerIp)
                            .withMaxPublishesPerSecond(maxPublishesPerSecond)
                            .withMaxPublishBytesPerSecond(maxPublishBytesPerSecond)
                            .withMaxSubscriptions(maxSubscriptions)
                            .withMaxQueuedMessages(maxQueuedMessages)
                            .withMaxInFlightTotal(maxInFlightTotal)
                            .withMaxKeepAliveSeconds(maxKeepAlive))
                    .build();
            CountDownLatch stopped = new CountDownLatch(1);
            try (MqttGateway gateway = MqttGateway.start(config)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "gateway-shutdown"));
                stopped.await();
            }
            return 0;
        }
    }

    @Command(name = "devices", mixinStandardHelpOptions = true, description = "Manage registered vehicles.",
            subcommands = {Devices.Add.class, Devices.Revoke.class, Devices.ListAll.class})
    static final class Devices {

        @Option(names = "--devices", defaultValue = "${env:PITWALL_DEVICES}", scope = CommandLine.ScopeType.INHERIT,
                required = true, description = "Device registry JSON file.")
        Path file;

        DeviceRegistry registry() {
            return new DeviceRegistry(file, SecretHasher.DEFAULT);
        }

        @Command(name = "add", aliases = "rotate", mixinStandardHelpOptions = true,
                description = "Register a vehicle or rotate its secret; prints the new secret once.")
        static final class Add implements Runnable {
            @CommandLine.ParentCommand
            Devices parent;
            @Parameters(description = "The VIN.")
            String vin;

            @Override
            public void run() {
                System.out.println(parent.registry().issueSecret(vin));
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true,
                description = "Revoke a vehicle; its next CONNECT is refused.")
        static final class Revoke implements java.util.concurrent.Callable<Integer> {
            @CommandLine.ParentCommand
            Devices parent;
            @Parameters(description = "The VIN.")
            String vin;

            @Override
            public Integer call() {
                if (parent.registry().revoke(vin)) {
                    return 0;
                }
                System.err.println("No device with VIN " + vin + " in " + parent.file);
                return 1;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered vehicles.")
        static final class ListAll implements Runnable {
            @CommandLine.ParentCommand
            Devices parent;

            @Override
            public void run() {
                for (Device d : parent.registry().list()) {
                    System.out.println(d.vin() + (d.revoked() ? "\trevoked" : "\tactive"));
                }
            }
        }
    }

    /** A configuration mistake gets its sentence and exit code 2, not a stack trace. */
    static int reportConfigurationError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException) {
            cmd.getErr().println(e.getMessage());
            cmd.getErr().println("See: " + cmd.getCommandSpec().qualifiedName() + " --help");
            return 2;
        }
        throw e;
    }
}
