package io.pitwall.local;

import io.pitwall.simulators.fleet.Fleet;
import io.pitwall.simulators.fleet.FleetOptions;
import io.pitwall.simulators.scenario.FaultKind;
import io.pitwall.simulators.scenario.FaultSpec;
import io.pitwall.simulators.scenario.Powertrain;
import io.pitwall.simulators.scenario.ScenarioSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The README's first command: runs all of Pitwall on this machine with a simulated fleet driving
 * against it (daily routines, a third electric, real-world mess, a few injected faults), shows
 * live progress and every alert as it is raised, and tells the user how to look at the results.
 * Ctrl-C stops every part cleanly.
 */
@Command(name = "pitwall run", mixinStandardHelpOptions = true,
        description = "Run Pitwall locally: ClickHouse, Kafka, the gateway, the Flink job and a simulated fleet.")
public final class LocalPitwall implements Callable<Integer> {

    @Option(names = "--vehicles", defaultValue = "10", description = "Simulated vehicles (default ${DEFAULT-VALUE}).")
    int vehicles;
    @Option(names = "--seed", defaultValue = "42", description = "Fleet seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--speedup", defaultValue = "120", description = "Simulated seconds per real second (default ${DEFAULT-VALUE}: an hour in 30 s).")
    double speedup;
    @Option(names = "--sample-seconds", defaultValue = "5", description = "Simulated seconds between a driving car's samples (default ${DEFAULT-VALUE}).")
    double sampleSeconds;
    @Option(names = "--no-faults", description = "Drive a healthy fleet (by default a few cars get faults: a trouble code and an overheating engine).")
    boolean noFaults;
    @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds; 0 runs until Ctrl-C (default ${DEFAULT-VALUE}).")
    long durationSeconds;
    @Option(names = "--work-dir", defaultValue = ".pitwall/run", description = "Where servers keep data and logs (default ${DEFAULT-VALUE}).")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalPitwall()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Duration tick = Duration.ofMillis(Math.max(1, Math.round(sampleSeconds * 1000 / speedup)));
        FleetOptions fleetOptions = new FleetOptions("tcp://placeholder", vehicles, seed, tick, speedup, 0, 1)
                .withScenario(ScenarioSettings.realistic())
                .withOutputDir(workDir.toAbsolutePath().resolve("fleet"));
        if (!noFaults) {
            fleetOptions = fleetOptions.withScenario(ScenarioSettings.realistic().withFaults(demoFaults(fleetOptions)));
        }
        try (LocalStack stack = LocalStack.start(workDir.toAbsolutePath(), step -> System.err.println("pitwall: " + step))) {
            // On Ctrl-C the JVM ends once its shutdown hooks return, so the hook waits for the
            // orderly stop below instead of racing it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                awaitQuietly(stopped, 60);
            }, "pitwall-stop"));
            stack.registerFleet(fleetOptions);
            System.err.println("pitwall: starting " + vehicles + " simulated vehicles ("
                    + (noFaults ? "healthy" : "with faults: " + fleetOptions.scenario().faults()) + ")");
            try (LiveTicker ticker = new LiveTicker(stack.kafka().bootstrapServers(), line -> {
                    System.err.print("\r\033[K");
                    System.err.println(line);
                });
                 Fleet fleet = Fleet.start(fleetOptions.withBrokerUri(stack.mqttUri()))) {
                Path owners = fleetOptions.outputDir().resolve("owners.csv");
                System.err.println("pitwall: imported " + stack.importOwners(owners) + " owner profiles from " + owners
                        + " (the simulator's CRM export) into owner.profiles");
                printHowToLook(stack);
                long deadline = durationSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
                while (!stop.await(2, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
                    long rows = stack.queryNumber("SELECT count() FROM pitwall.telemetry");
                    System.err.print("\r\033[K" + fleet.stats().line() + " | rows in ClickHouse " + rows + " | " + ticker.counts());
                }
                System.err.println();
                System.err.println("pitwall: stopping");
            }
        } finally {
            stopped.countDown();
        }
        System.err.println("pitwall: stopped");
        return 0;
    }

    /**
     * Faults that show within minutes at the default speed: a trouble code on one car and a failing
     * radiator on a combustion car.
     */
    private static List<FaultSpec> demoFaults(FleetOptions options) {
        List<FaultSpec> faults = new ArrayList<>();
        for (int i = 0; i < options.vehicles() && faults.size() < 2; i++) {
            if (Fleet.profile(options, i).powertrain() == Powertrain.COMBUSTION) {
                faults.add(faults.isEmpty()
                        ? new FaultSpec(FaultKind.DTC, i, Duration.ofMinutes(20), null)
                        : new FaultSpec(FaultKind.COOLANT_OVERHEAT, i, Duration.ofMinutes(30), null));
            }
        }
        return faults;
    }

    private static void awaitQuietly(CountDownLatch latch, long seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printHowToLook(LocalStack stack) {
        int tcp = stack.clickHouse().tcpPort();
        System.err.println();
        System.err.println("Pitwall is running. While it runs, in another terminal:");
        System.err.println("  Telemetry in ClickHouse:");
        System.err.println("    clickhouse-client --port " + tcp + " --query \"SELECT vin, count(), max(ts) FROM pitwall.telemetry GROUP BY vin\"");
        System.err.println("  Alerts and health in ClickHouse:");
        System.err.println("    clickhouse-client --port " + tcp + " --query \"SELECT vin, kind, severity, state, event_time FROM pitwall.alerts FINAL ORDER BY event_time\"");
        System.err.println("    clickhouse-client --port " + tcp + " --query \"SELECT * FROM pitwall.health_predictions FINAL ORDER BY as_of DESC LIMIT 5 FORMAT Vertical\"");
        System.err.println("  Alerts for the customer-journey system (kcat):");
        System.err.println("    kcat -C -b " + stack.kafka().bootstrapServers() + " -t vehicle.alerts");
        System.err.println("  Offers, every decision with its reason, and the funnel:");
        System.err.println("    clickhouse-client --port " + tcp + " --query \"SELECT decision, decision_reason, recommendation, channel, count()"
                + " FROM pitwall.offers FINAL GROUP BY decision, decision_reason, recommendation, channel\"");
        System.err.println("    ./pitwall offers report --clickhouse-url " + stack.clickHouse().httpUrl());
        System.err.println("  Publish as a vehicle: MQTT broker " + stack.mqttUri());
        System.err.println("Alerts, offers and bookings appear below as the pipeline makes them (simulated owners answer offers"
                + " through the callback API at " + "http://127.0.0.1:" + stack.callbacks().port() + "). Press Ctrl-C to stop everything.");
        System.err.println();
    }
}
