package io.pitwall.simulators.cli;

import io.pitwall.simulators.fleet.Fleet;
import io.pitwall.simulators.fleet.FleetOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code simulate}: drive a fleet against a gateway, with a live progress line and a summary. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Drive a simulated fleet against an MQTT gateway.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--broker", defaultValue = "${env:PITWALL_MQTT_URI:-tcp://127.0.0.1:1883}",
            description = "Gateway address (default ${DEFAULT-VALUE}).")
    String broker;
    @Option(names = "--vehicles", defaultValue = "10", description = "Number of vehicles (default ${DEFAULT-VALUE}).")
    int vehicles;
    @Option(names = "--seed", defaultValue = "42", description = "Fleet seed; VINs, secrets and signals follow from it (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--interval-ms", defaultValue = "1000", description = "Real milliseconds between a car's samples (default ${DEFAULT-VALUE}).")
    long intervalMs;
    @Option(names = "--speedup", defaultValue = "1", description = "Simulated seconds per real second (default ${DEFAULT-VALUE}).")
    double speedup;
    @Option(names = "--samples", defaultValue = "0", description = "Samples per vehicle, then stop; 0 = until Ctrl-C (default ${DEFAULT-VALUE}).")
    long samples;
    @Option(names = "--qos", defaultValue = "1", description = "Telemetry QoS, 0 or 1 (default ${DEFAULT-VALUE}).")
    int qos;

    @Override
    public Integer call() throws InterruptedException {
        FleetOptions options = new FleetOptions(broker, vehicles, seed, Duration.ofMillis(intervalMs), speedup, samples, qos);
        Fleet fleet;
        try {
            fleet = Fleet.start(options);
        } catch (MqttException e) {
            System.err.println(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return 2;
        }
        try (fleet) {
            Runtime.getRuntime().addShutdownHook(new Thread(fleet::close));
            while (!fleet.awaitFinished(1, TimeUnit.SECONDS) || samples == 0) {
                System.err.print("\r" + fleet.stats().line());
            }
            System.err.println("\r" + fleet.stats().line());
        }
        System.out.println("Done: " + fleet.stats().line());
        return fleet.stats().errors.get() == 0 ? 0 : 1;
    }
}
