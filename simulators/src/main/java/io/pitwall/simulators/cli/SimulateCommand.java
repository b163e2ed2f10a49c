package io.pitwall.simulators.cli;

import io.pitwall.simulators.fleet.Fleet;
import io.pitwall.simulators.fleet.FleetOptions;
import io.pitwall.simulators.mqtt.DeviceTransport;
import io.pitwall.simulators.mqtt.VehicleConnectException;
import io.pitwall.simulators.scenario.FaultSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code simulate}: drive a fleet against a gateway, with a live progress line and a summary. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Drive a simulated fleet against an MQTT gateway.",
                "Writes owners.csv at the start and the ground-truth manifest.json at the end into --out."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--broker", defaultValue = "${env:PITWALL_MQTT_URI}",
            description = "Gateway address, tcp://host:port or ssl://host:port (default $PITWALL_MQTT_URI, else tcp://127.0.0.1:1883,"
                    + " or ssl://127.0.0.1:8883 with --tls; with --tls a tcp:// address is dialled with TLS).")
    String broker;
    @Option(names = "--vehicles", defaultValue = "10", description = "Number of vehicles (default ${DEFAULT-VALUE}).")
    int vehicles;
    @Option(names = "--seed", defaultValue = "42", description = "Fleet seed; VINs, secrets and signals follow from it (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--interval-ms", defaultValue = "1000", description = "Real milliseconds between a car's ticks (default ${DEFAULT-VALUE}).")
    long intervalMs;
    @Option(names = "--speedup", defaultValue = "1", description = "Simulated seconds per real second, e.g. 1440 = a day in a minute (default ${DEFAULT-VALUE}).")
    double speedup;
    @Option(names = "--samples", defaultValue = "0", description = "Ticks per vehicle, then stop; 0 = until Ctrl-C (default ${DEFAULT-VALUE}).")
    long samples;
    @Option(names = "--duration", description = "Simulated time to cover, e.g. 7d; sets --samples from --interval-ms and --speedup.")
    String duration;
    @Option(names = "--qos", defaultValue = "1", description = "Telemetry QoS, 0 or 1 (default ${DEFAULT-VALUE}).")
    int qos;
    @Option(names = "--out", description = "Directory for manifest.json and owners.csv (default sim-runs/seed-<seed>).")
    Path out;
    @Mixin
    ScenarioOptions scenario = new ScenarioOptions();
    @Mixin
    TransportOptions transport = new TransportOptions();

    @Override
    public Integer call() throws InterruptedException {
        Duration step = Duration.ofMillis(Math.max(1, Math.round(intervalMs * speedup)));
        long ticks = samples;
        if (duration != null) {
            ticks = Math.max(1, FaultSpec.parseDuration(duration).toMillis() / step.toMillis());
        }
        Duration span = ticks > 0 ? step.multipliedBy(ticks) : Duration.ofDays(1);
        Path dir = out != null ? out : Path.of("sim-runs", "seed-" + seed);
        DeviceTransport wire = transport.transport();
        FleetOptions options = new FleetOptions(brokerUri(broker, wire), vehicles, seed, Duration.ofMillis(intervalMs), speedup, ticks,
                qos, scenario.settings(seed, vehicles, span), dir, wire);
        Fleet fleet;
        try {
            fleet = Fleet.start(options);
        } catch (VehicleConnectException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.err.println("Fleet of " + vehicles + " (seed " + seed + ") from simulated " + java.time.Instant.ofEpochMilli(fleet.simulatedStart())
                + ", " + options.scenario().faults().size() + " fault(s), MQTT " + wire.protocol() + " " + wire.payload()
                + (wire.tlsEnabled() ? " over TLS" : "") + "; output in " + dir.toAbsolutePath());
        Thread hook = new Thread(fleet::close);
        Runtime.getRuntime().addShutdownHook(hook);
        long previous = 0;
        long last = System.nanoTime();
        try (fleet) {
            while (!fleet.awaitFinished(1, TimeUnit.SECONDS) || ticks == 0) {
                long nowNanos = System.nanoTime();
                System.err.print("\r" + fleet.stats().progress(previous, (nowNanos - last) / 1e9) + "   ");
                previous = fleet.stats().samplesAcknowledged.get();
                last = nowNanos;
            }
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        System.err.println();
        System.out.println("Done: " + fleet.stats().progress(0, 0).replace(" (0/s)", ""));
        System.out.println("Ground truth: " + dir.resolve("manifest.json").toAbsolutePath() + ", owners: " + dir.resolve("owners.csv").toAbsolutePath());
        return fleet.stats().errors.get() == 0 ? 0 : 1;
    }

    /** The gateway's default address: its plain port, or its TLS port when devices use TLS. */
    static String brokerUri(String given, DeviceTransport transport) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        return transport.tlsEnabled() ? "ssl://127.0.0.1:8883" : "tcp://127.0.0.1:1883";
    }
}
