package io.pitwall.gateway;

import io.pitwall.gateway.auth.Device;
import io.pitwall.gateway.auth.DeviceRegistry;
import io.pitwall.gateway.auth.SecretHasher;
import io.pitwall.gateway.config.GatewayConfig;
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

        @Override
        public Integer call() throws Exception {
            GatewayConfig config = GatewayConfig.builder().bindHost(bind).mqttPort(port).gatewayId(gatewayId)
                    .kafkaBootstrap(kafka).deviceRegistry(devices).maxPacketBytes(maxPacketBytes).build();
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
