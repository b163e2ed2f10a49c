package io.pitwall.local;

import io.pitwall.simulators.fleet.Fleet;
import io.pitwall.simulators.fleet.FleetOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The README's first command: runs all of Pitwall on this machine with a simulated fleet driving
 * against it, shows live progress, and tells the user how to look at the results. Ctrl-C stops
 * every part cleanly.
 */
@Command(name = "pitwall run", mixinStandardHelpOptions = true,
        description = "Run Pitwall locally: ClickHouse, Kafka, the gateway, the Flink job and a simulated fleet.")
public final class LocalPitwall implements Callable<Integer> {

    @Option(names = "--vehicles", defaultValue = "10", description = "Simulated vehicles (default ${DEFAULT-VALUE}).")
    int vehicles;
    @Option(names = "--seed", defaultValue = "42", description = "Fleet seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--interval-ms", defaultValue = "1000", description = "Real ms between a car's samples (default ${DEFAULT-VALUE}).")
    long intervalMs;
    @Option(names = "--speedup", defaultValue = "1", description = "Simulated seconds per real second (default ${DEFAULT-VALUE}).")
    double speedup;
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
        FleetOptions fleetOptions = new FleetOptions("tcp://placeholder", vehicles, seed,
                Duration.ofMillis(intervalMs), speedup, 0, 1);
        try (LocalStack stack = LocalStack.start(workDir.toAbsolutePath(), step -> System.err.println("pitwall: " + step))) {
            // On Ctrl-C the JVM ends once its shutdown hooks return, so the hook waits for the
            // orderly stop below instead of racing it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                awaitQuietly(stopped, 60);
            }, "pitwall-stop"));
            stack.registerFleet(fleetOptions);
            FleetOptions connected = new FleetOptions(stack.mqttUri(), vehicles, seed, Duration.ofMillis(intervalMs),
                    speedup, 0, 1);
            System.err.println("pitwall: starting " + vehicles + " simulated vehicles");
            try (Fleet fleet = Fleet.start(connected)) {
                printHowToLook(stack);
                long deadline = durationSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
                while (!stop.await(2, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
                    long rows = stack.queryNumber("SELECT count() FROM pitwall.telemetry");
                    System.err.print("\r" + fleet.stats().line() + " | rows in ClickHouse " + rows + "   ");
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
        System.err.println("  Accepted records on Kafka (kcat):");
        System.err.println("    kcat -C -b " + stack.kafka().bootstrapServers() + " -t telemetry.raw -o -5 -e");
        System.err.println("  Alerts for the customer-journey system:");
        System.err.println("    kcat -C -b " + stack.kafka().bootstrapServers() + " -t vehicle.alerts");
        System.err.println("  Publish as a vehicle: MQTT broker " + stack.mqttUri());
        System.err.println("Press Ctrl-C to stop everything.");
        System.err.println();
    }
}
