package io.pitwall.simulators.cli;

import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import io.pitwall.simulators.fleet.DeviceSecrets;
import io.pitwall.simulators.fleet.VinFactory;
import io.pitwall.simulators.mqtt.DeviceTransport;
import io.pitwall.simulators.mqtt.VehicleConnectException;
import io.pitwall.simulators.mqtt.VehicleConnection;
import io.pitwall.simulators.mqtt.VehicleConnector;
import io.pitwall.simulators.replay.CarObdLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** {@code replay}: a real OBD-II log (carOBD CSV format) published as one vehicle. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay carOBD-format OBD-II CSV logs as one vehicle over MQTT.",
                "Columns map to VSS paths (VEHICLE_SPEED -> Vehicle.Speed, COOLANT_TEMPERATURE -> ...ECT, ...);",
                "rows get timestamps from the engine run-time counter. Several files play one after the other."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "CSV", description = "carOBD-format CSV files, e.g. ../shared/data/carobd/live1.csv")
    List<Path> files;
    @Option(names = "--broker", defaultValue = "${env:PITWALL_MQTT_URI}",
            description = "Gateway address (default $PITWALL_MQTT_URI, else tcp://127.0.0.1:1883, or ssl://127.0.0.1:8883 with --tls).")
    String broker;
    @Option(names = "--seed", defaultValue = "42", description = "Fleet seed for the default VIN and secret (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--vin", description = "VIN to publish as (default: vehicle --vehicle-index of the --seed fleet).")
    String vin;
    @Option(names = "--vehicle-index", defaultValue = "0", description = "Which vehicle of the seed fleet to be, if no --vin (default ${DEFAULT-VALUE}).")
    int vehicleIndex;
    @Option(names = "--secret", description = "Device secret (default: derived from --seed and the VIN, as the simulated fleet's).")
    String secret;
    @Option(names = "--speedup", defaultValue = "1", description = "Log seconds per real second; 0 = as fast as acknowledgements allow (default ${DEFAULT-VALUE}).")
    double speedup;
    @Option(names = "--batch", defaultValue = "1", description = "Samples per message; more than 1 sends the contract's batch form (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--qos", defaultValue = "1", description = "QoS 0 or 1 (default ${DEFAULT-VALUE}).")
    int qos;
    @Option(names = "--keep-repeats", description = "Also send rows that repeat the previous row unchanged (the logger's filler).")
    boolean keepRepeats;
    @Option(names = "--odometer-km", defaultValue = "48000", description = "Odometer at the start; distance is integrated from speed (default ${DEFAULT-VALUE}).")
    double odometerKm;
    @Option(names = "--first-seq", defaultValue = "0", description = "First sample seq; 0 = from the current time in ms, so replays never reuse a seq.")
    long firstSeq;
    @Mixin
    TransportOptions transport = new TransportOptions();

    @Override
    public Integer call() throws InterruptedException {
        if (qos < 0 || qos > 1 || batch < 1 || batch > 1000 || speedup < 0) {
            throw new IllegalArgumentException("--qos is 0 or 1, --batch 1-1000, --speedup 0 or more");
        }
        String id = vin != null ? vin : VinFactory.vin(seed, vehicleIndex);
        if (!io.pitwall.contracts.Vin.isValid(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a valid VIN (17 characters, no I, O or Q)");
        }
        List<CarObdLog> logs = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            CarObdLog log = CarObdLog.read(file);
            System.err.println("Read " + log);
            logs.add(log);
        }
        double total = logs.stream().mapToDouble(CarObdLog::durationSeconds).sum();
        long now = System.currentTimeMillis();
        // Real time: the first row is now. Accelerated: the log ends about now, so no sample lies in the future.
        long start = speedup == 1 ? now : now - Math.round(total * 1000);
        long seq = firstSeq > 0 ? firstSeq : now;
        List<Sample> samples = new ArrayList<>();
        double odometer = odometerKm;
        for (CarObdLog log : logs) {
            List<Sample> part = log.samples(start, seq, keepRepeats, odometer);
            if (!part.isEmpty()) {
                samples.addAll(part);
                seq = part.get(part.size() - 1).seq() + 1;
                odometer = part.get(part.size() - 1).signals().get("Vehicle.TraveledDistance");
                start = part.get(part.size() - 1).ts() + 1000;
            }
        }
        DeviceTransport wire = transport.transport();
        VehicleConnection connection;
        try {
            connection = VehicleConnector.of(SimulateCommand.brokerUri(broker, wire), wire)
                    .connect(id, secret != null ? secret : DeviceSecrets.secretFor(seed, id));
        } catch (VehicleConnectException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        AtomicLong acked = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Semaphore window = new Semaphore(500);
        String topic = "v1/vehicles/" + id + "/telemetry";
        long wallStart = System.nanoTime();
        long logStart = samples.isEmpty() ? 0 : samples.get(0).ts();
        long lastPrint = 0;
        try (connection) {
            for (int i = 0; i < samples.size(); i += batch) {
                List<Sample> chunk = samples.subList(i, Math.min(samples.size(), i + batch));
                if (speedup > 0) {
                    long dueNanos = wallStart + (long) ((chunk.get(chunk.size() - 1).ts() - logStart) * 1e6 / speedup);
                    long wait = dueNanos - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                TelemetryMessage message = chunk.size() == 1 ? TelemetryMessage.single(id, chunk.get(0)) : TelemetryMessage.batch(id, chunk);
                window.acquire();
                int n = chunk.size();
                connection.publish(wire.telemetry(topic, message, qos), () -> {
                    acked.addAndGet(n);
                    window.release();
                }, e -> {
                    errors.incrementAndGet();
                    window.release();
                });
                if (System.nanoTime() - lastPrint > 1_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.err.printf("\r%s | sent %d/%d samples | acknowledged %d | errors %d   ", id, i + n, samples.size(), acked.get(), errors.get());
                }
            }
            if (!window.tryAcquire(500, 60, TimeUnit.SECONDS)) {
                System.err.println("\nSome publishes were not acknowledged within 60 s of the last one.");
            }
        }
        System.err.println();
        System.out.printf("Replayed %d samples (%.0f s of log) as %s: %d acknowledged, %d errors%n",
                samples.size(), total, id, acked.get(), errors.get());
        return errors.get() == 0 ? 0 : 1;
    }
}
