package io.pitwall.simulators.fleet;

import io.pitwall.simulators.mqtt.DeviceTransport;
import io.pitwall.simulators.scenario.ScenarioSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated fleet runs.
 *
 * @param brokerUri         MQTT broker, e.g. tcp://127.0.0.1:1883
 * @param vehicles          how many cars
 * @param seed              fleet seed: VINs, secrets and every signal follow from it
 * @param sampleInterval    real time between one car's ticks (a driving car sends one sample per tick)
 * @param timeAcceleration  simulated seconds per real second (1 = real time)
 * @param samplesPerVehicle stop each car after this many ticks; 0 runs until stopped
 * @param qos               MQTT QoS for telemetry (0 or 1) unless the scenario names a {@link io.pitwall.simulators.scenario.QosPolicy}
 * @param scenario          routines, events, faults and mess; {@link ScenarioSettings#plain()} sends exactly one sample per tick
 * @param outputDir         where the run's manifest.json and owners.csv go; null writes nothing
 * @param transport         MQTT version, telemetry encoding (JSON/CBOR) and TLS of every car
 */
public record FleetOptions(String brokerUri, int vehicles, long seed, Duration sampleInterval,
                           double timeAcceleration, long samplesPerVehicle, int qos,
                           ScenarioSettings scenario, Path outputDir, DeviceTransport transport) {

    public FleetOptions {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(transport, "transport");
        if (vehicles < 1) {
            throw new IllegalArgumentException("a fleet needs at least one vehicle");
        }
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("telemetry QoS must be 0 or 1, was " + qos);
        }
        if (timeAcceleration <= 0) {
            throw new IllegalArgumentException("time acceleration must be positive");
        }
        if (sampleInterval == null || sampleInterval.toMillis() < 1) {
            throw new IllegalArgumentException("the sample interval must be at least 1 ms");
        }
        if (samplesPerVehicle < 0) {
            throw new IllegalArgumentException("samples per vehicle must be 0 (run until stopped) or more, was " + samplesPerVehicle);
        }
    }

    /** MQTT 3.1.1, JSON, plain TCP. */
    public FleetOptions(String brokerUri, int vehicles, long seed, Duration sampleInterval,
                        double timeAcceleration, long samplesPerVehicle, int qos, ScenarioSettings scenario, Path outputDir) {
        this(brokerUri, vehicles, seed, sampleInterval, timeAcceleration, samplesPerVehicle, qos, scenario, outputDir,
                DeviceTransport.DEFAULT);
    }

    /** The plain stream: one single-sample telemetry message per car and tick, nothing else. */
    public FleetOptions(String brokerUri, int vehicles, long seed, Duration sampleInterval,
                        double timeAcceleration, long samplesPerVehicle, int qos) {
        this(brokerUri, vehicles, seed, sampleInterval, timeAcceleration, samplesPerVehicle, qos, ScenarioSettings.plain(), null);
    }

    public FleetOptions withScenario(ScenarioSettings scenario) {
        return new FleetOptions(brokerUri, vehicles, seed, sampleInterval, timeAcceleration, samplesPerVehicle, qos, scenario,
                outputDir, transport);
    }

    public FleetOptions withOutputDir(Path dir) {
        return new FleetOptions(brokerUri, vehicles, seed, sampleInterval, timeAcceleration, samplesPerVehicle, qos, scenario,
                dir, transport);
    }

    public FleetOptions withBrokerUri(String uri) {
        return new FleetOptions(uri, vehicles, seed, sampleInterval, timeAcceleration, samplesPerVehicle, qos, scenario,
                outputDir, transport);
    }

    public FleetOptions withTransport(DeviceTransport transport) {
        return new FleetOptions(brokerUri, vehicles, seed, sampleInterval, timeAcceleration, samplesPerVehicle, qos, scenario,
                outputDir, transport);
    }

    /** Simulated time between two ticks of one car. */
    public Duration simulatedStep() {
        return Duration.ofMillis(Math.max(1, Math.round(sampleInterval.toMillis() * timeAcceleration)));
    }
}
