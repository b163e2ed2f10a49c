package io.pitwall.simulators.fleet;

import java.time.Duration;

/**
 * How a simulated fleet runs.
 *
 * @param brokerUri        MQTT broker, e.g. tcp://127.0.0.1:1883
 * @param vehicles         how many cars
 * @param seed             fleet seed: VINs, secrets and every signal follow from it
 * @param sampleInterval   real time between one car's samples
 * @param timeAcceleration simulated seconds per real second (1 = real time)
 * @param samplesPerVehicle stop each car after this many samples; 0 runs until stopped
 * @param qos              MQTT QoS for telemetry (0 or 1)
 */
public record FleetOptions(String brokerUri, int vehicles, long seed, Duration sampleInterval,
                           double timeAcceleration, long samplesPerVehicle, int qos) {

    public FleetOptions {
        if (vehicles < 1) {
            throw new IllegalArgumentException("a fleet needs at least one vehicle");
        }
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("telemetry QoS must be 0 or 1, was " + qos);
        }
        if (timeAcceleration <= 0) {
            throw new IllegalArgumentException("time acceleration must be positive");
        }
    }
}
