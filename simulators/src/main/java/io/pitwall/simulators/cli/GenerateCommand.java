package io.pitwall.simulators.cli;

import io.pitwall.simulators.scenario.FaultSpec;
import io.pitwall.simulators.scenario.FleetScenario;
import io.pitwall.simulators.scenario.OwnersExport;
import io.pitwall.simulators.scenario.VehicleMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code generate}: the same fleet without MQTT, written to files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Run a simulated fleet in memory (no broker) and write what the devices would send.",
                "Writes messages.jsonl (one line per MQTT message: topic, qos, emittedAt, payload), manifest.json and owners.csv."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--vehicles", defaultValue = "10", description = "Number of vehicles (default ${DEFAULT-VALUE}).")
    int vehicles;
    @Option(names = "--seed", defaultValue = "42", description = "Fleet seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--duration", defaultValue = "1d", description = "Simulated time, e.g. 12h or 7d (default ${DEFAULT-VALUE}).")
    String duration;
    @Option(names = "--sample-period", defaultValue = "10s", description = "Simulated time between a driving car's samples (default ${DEFAULT-VALUE}).")
    String samplePeriod;
    @Option(names = "--qos", defaultValue = "1", description = "Telemetry QoS, 0 or 1 (default ${DEFAULT-VALUE}).")
    int qos;
    @Option(names = "--out", defaultValue = "sim-runs/generated", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;
    @Mixin
    ScenarioOptions scenario = new ScenarioOptions();

    @Override
    public Integer call() throws IOException {
        Duration span = FaultSpec.parseDuration(duration);
        FleetScenario.Builder builder = FleetScenario.builder().seed(seed).vehicles(vehicles).duration(span)
                .samplePeriod(FaultSpec.parseDuration(samplePeriod)).qos(qos)
                .settings(scenario.settings(seed, vehicles, span));
        if (scenario.start != null) {
            builder.start(scenario.start);
        }
        FleetScenario fleet = builder.build();
        Files.createDirectories(out);
        FleetScenario.Generator messages = fleet.iterator();
        long count = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(out.resolve("messages.jsonl"))) {
            while (messages.hasNext()) {
                VehicleMessage m = messages.next();
                writer.write("{\"topic\":\"" + m.topic() + "\",\"qos\":" + m.qos() + ",\"retained\":" + m.retained()
                        + ",\"emittedAt\":" + m.emittedAt() + ",\"payload\":" + m.json() + "}\n");
                if (++count % 50_000 == 0) {
                    System.err.print("\r" + count + " messages, simulated " + Instant.ofEpochMilli(m.emittedAt()));
                }
            }
        }
        messages.manifest().write(out.resolve("manifest.json"));
        OwnersExport.write(fleet.owners(), out.resolve("owners.csv"));
        System.err.println();
        System.out.println("Wrote " + count + " messages, manifest.json and owners.csv to " + out.toAbsolutePath());
        return 0;
    }
}
