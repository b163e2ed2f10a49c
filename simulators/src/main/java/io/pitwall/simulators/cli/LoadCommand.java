package io.pitwall.simulators.cli;

import io.pitwall.simulators.fleet.DeviceSecrets;
import io.pitwall.simulators.fleet.VinFactory;
import io.pitwall.simulators.load.LoadGenerator;
import io.pitwall.simulators.load.LoadOptions;
import io.pitwall.simulators.load.LoadReport;
import io.pitwall.simulators.load.SourceAddresses;
import io.pitwall.simulators.mqtt.DeviceTransport;
import io.pitwall.simulators.scenario.FaultSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code load}: the benchmark driver. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load-test an MQTT broker (the Pitwall gateway, or Mosquitto as a baseline) with valid telemetry.",
                "Netty client: MQTT 3.1.1 or 5.0, plain or TLS, JSON or CBOR. Measures publish->PUBACK latency (HdrHistogram),"
                        + " throughput and errors. Stops by itself after --duration or --messages.",
                "One process holds at most its open-file limit of connections: for more, run several, each with its own"
                        + " --first-vehicle and --source range."})
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Broker host (default ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", description = "Broker port (default 1883, or 8883 with --tls).")
    Integer port;
    @Option(names = "--connections", defaultValue = "100", description = "Publishing connections (default ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--idle", defaultValue = "0", description = "Extra connections that only keep alive (default ${DEFAULT-VALUE}).")
    int idle;
    @Option(names = "--source", split = ",", description = "Local source addresses, round-robin, e.g. 127.0.0.1,127.0.0.2 or the"
            + " range 127.0.0.5-8 (about 28,000 connections each, shared by all processes on the machine).")
    List<String> sources = new ArrayList<>();
    @Option(names = "--sources", description = "Shortcut: use 127.0.0.1 .. 127.0.0.N as source addresses.")
    Integer sourceCount;
    @Option(names = "--rate", defaultValue = "1000", description = "Target publishes per second over all connections; 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--qos", defaultValue = "1", description = "QoS 0 or 1 (default ${DEFAULT-VALUE}).")
    int qos;
    @Option(names = "--inflight", defaultValue = "100", description = "Unacknowledged QoS 1 publishes per connection (default ${DEFAULT-VALUE}).")
    int inflight;
    @Option(names = "--duration", defaultValue = "30s", description = "How long to publish, e.g. 60s or 5m (default ${DEFAULT-VALUE}).")
    String duration;
    @Option(names = "--warmup", defaultValue = "0s", description = "Publish this long first, at the same load, and leave it out of"
            + " the counts and latencies: measures the steady state, not cold JVMs and fresh connections (default ${DEFAULT-VALUE}).")
    String warmup;
    @Option(names = "--messages", defaultValue = "0", description = "Stop after this many publishes; 0 = only --duration (default ${DEFAULT-VALUE}).")
    long messages;
    @Option(names = "--seed", defaultValue = "42", description = "VINs and derived device secrets follow from it (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--first-vehicle", defaultValue = "0", description = "Vehicle index of this process's first connection, so"
            + " processes sharing a seed use disjoint VINs, e.g. 0 and 14000 (default ${DEFAULT-VALUE}).")
    int firstVehicle;
    @Option(names = "--topic", defaultValue = "v1/vehicles/{vin}/telemetry", description = "Topic template; {vin} and {i} are replaced (default ${DEFAULT-VALUE}).")
    String topic;
    @Option(names = "--client-id", defaultValue = "{vin}", description = "Client id template (default ${DEFAULT-VALUE}).")
    String clientId;
    @Option(names = "--username", defaultValue = "{vin}", description = "Username template; 'none' sends no credentials (default ${DEFAULT-VALUE}).")
    String username;
    @Option(names = "--password", description = "Fixed password (default: each VIN's derived device secret).")
    String password;
    @Option(names = "--signals", defaultValue = "10", description = "Signals per sample (default ${DEFAULT-VALUE}).")
    int signals;
    @Option(names = "--keep-alive", defaultValue = "60", description = "MQTT keep-alive seconds (default ${DEFAULT-VALUE}).")
    int keepAlive;
    @Option(names = "--connect-timeout", defaultValue = "120s", description = "Time allowed for all connections to come up (default ${DEFAULT-VALUE}).")
    String connectTimeout;
    @Option(names = "--write-devices", description = "Only write a JSON map VIN -> secret for the connections (to register them with the gateway) and exit.")
    Path writeDevices;
    @Mixin
    TransportOptions transport = new TransportOptions();

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (writeDevices != null) {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < connections + idle; i++) {
                String vin = VinFactory.vin(seed, firstVehicle + i);
                json.append(i == 0 ? "\n" : ",\n").append("  \"").append(vin).append("\": \"").append(DeviceSecrets.secretFor(seed, vin)).append('"');
            }
            Files.writeString(writeDevices, json.append("\n}\n"));
            System.out.println("Wrote " + (connections + idle) + " devices to " + writeDevices);
            return 0;
        }
        List<String> addresses = new ArrayList<>(SourceAddresses.parse(sources));
        if (sourceCount != null) {
            addresses.addAll(SourceAddresses.loopback(sourceCount));
        }
        DeviceTransport wire = transport.transport();
        int brokerPort = brokerPort(port, wire);
        LoadOptions options = new LoadOptions(host, brokerPort, connections, idle, addresses, rate, qos, inflight,
                FaultSpec.parseDuration(duration), messages, seed, topic, clientId, "none".equals(username) ? null : username,
                password, signals, keepAlive, FaultSpec.parseDuration(connectTimeout), firstVehicle, wire,
                FaultSpec.parseDuration(warmup));
        LoadReport report = LoadGenerator.run(options, line -> System.err.print("\r" + line + "    "));
        System.err.println();
        System.out.print(report.summary());
        if (report.connectionsOpened() == 0) {
            System.err.println("No connection came up: is a broker listening on " + host + ":" + brokerPort
                    + (report.connectFailures().keySet().stream().anyMatch(k -> k.contains("refused:")) ? " and are the credentials registered?" : "?"));
            return 2;
        }
        return report.errors() == 0 && report.connectionsFailed() == 0 ? 0 : 1;
    }

    /** The broker's default port: plain MQTT, or MQTT over TLS when the run uses TLS. */
    static int brokerPort(Integer given, DeviceTransport transport) {
        return given != null ? given : transport.tlsEnabled() ? 8883 : 1883;
    }
}
