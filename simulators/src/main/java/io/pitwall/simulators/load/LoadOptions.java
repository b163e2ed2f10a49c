package io.pitwall.simulators.load;

import io.pitwall.simulators.fleet.VinFactory;
import io.pitwall.simulators.mqtt.DeviceTransport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A load run: where to, how many connections from which source addresses, how fast, and when to
 * stop. Templates replace {@code {vin}} with the connection's VIN (from the seed) and
 * {@code {i}} with its vehicle index, so the same run can target the Pitwall gateway or any broker.
 * Connection {@code c} of a process is vehicle {@code firstVehicle + c}, so several processes
 * with the same seed and disjoint vehicle ranges never share a VIN or client id.
 *
 * @param host              broker host
 * @param port              broker port
 * @param connections       publishing connections
 * @param idleConnections   extra connections that only keep alive (PINGREQ), to hold N idle sessions
 * @param sourceAddresses   local addresses to connect from, round-robin (each gives ~28,000 ephemeral ports)
 * @param ratePerSecond     target publishes per second over all connections; 0 = as fast as possible
 * @param qos               0 or 1
 * @param inflightPerConnection unacknowledged QoS 1 publishes allowed per connection
 * @param duration          how long to publish (after all connections are up)
 * @param maxMessages       stop after this many publishes; 0 = no limit (duration still applies)
 * @param seed              VINs and derived device secrets follow from it
 * @param topicTemplate     e.g. {@code v1/vehicles/{vin}/telemetry}
 * @param clientIdTemplate  e.g. {@code {vin}}
 * @param usernameTemplate  e.g. {@code {vin}}; null sends no credentials
 * @param password          fixed password; null uses each VIN's derived device secret (if a username is sent)
 * @param signals           signals per telemetry sample (payload size)
 * @param keepAliveSeconds  MQTT keep-alive
 * @param connectTimeout    how long all connections may take to come up
 * @param firstVehicle      vehicle index of this process's first connection
 * @param transport         MQTT version, telemetry encoding (JSON/CBOR) and TLS
 * @param warmup            publishing before the measured {@code duration} (same load), left out of every count
 *                          and of the latency histogram, so a run measures the steady state rather than the
 *                          first seconds of cold JVMs and freshly opened connections; zero for none
 */
public record LoadOptions(String host, int port, int connections, int idleConnections, List<String> sourceAddresses,
                          double ratePerSecond, int qos, int inflightPerConnection, Duration duration, long maxMessages,
                          long seed, String topicTemplate, String clientIdTemplate, String usernameTemplate,
                          String password, int signals, int keepAliveSeconds, Duration connectTimeout,
                          int firstVehicle, DeviceTransport transport, Duration warmup) {

    /** Ephemeral ports one source address can use toward one destination on a default Linux. */
    public static final int PORTS_PER_SOURCE_ADDRESS = 28_000;

    public LoadOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        if (warmup == null || warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must be zero or positive, was " + warmup);
        }
        sourceAddresses = List.copyOf(sourceAddresses);
        if (firstVehicle < 0) {
            throw new IllegalArgumentException("--first-vehicle is 0 or more, was " + firstVehicle);
        }
        if (connections < 0 || idleConnections < 0 || connections + idleConnections < 1) {
            throw new IllegalArgumentException("a load run needs at least one connection");
        }
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("--qos is 0 or 1, was " + qos);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("--rate is publishes per second, 0 for as fast as possible; was " + ratePerSecond);
        }
        if (inflightPerConnection < 1 || inflightPerConnection > 65_535) {
            throw new IllegalArgumentException("--inflight must be 1-65535, was " + inflightPerConnection);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive; a load run always ends by itself");
        }
        int total = connections + idleConnections;
        int sources = Math.max(1, sourceAddresses.size());
        if (total > (long) sources * PORTS_PER_SOURCE_ADDRESS) {
            int needed = (total + PORTS_PER_SOURCE_ADDRESS - 1) / PORTS_PER_SOURCE_ADDRESS;
            throw new IllegalArgumentException(total + " connections need at least " + needed
                    + " source addresses (about " + PORTS_PER_SOURCE_ADDRESS + " ports each); add e.g. --source 127.0.0.1,127.0.0.2,...");
        }
        if (!topicTemplate.contains("{vin}") && !topicTemplate.contains("{i}")) {
            throw new IllegalArgumentException("--topic should contain {vin} or {i} so each connection publishes to its own topic, e.g. v1/vehicles/{vin}/telemetry");
        }
        if (signals < 1 || signals > 500) {
            throw new IllegalArgumentException("--signals must be 1-500, was " + signals);
        }
    }

    /** No warm-up: everything from the first publish is measured. */
    public LoadOptions(String host, int port, int connections, int idleConnections, List<String> sourceAddresses,
                       double ratePerSecond, int qos, int inflightPerConnection, Duration duration, long maxMessages,
                       long seed, String topicTemplate, String clientIdTemplate, String usernameTemplate,
                       String password, int signals, int keepAliveSeconds, Duration connectTimeout,
                       int firstVehicle, DeviceTransport transport) {
        this(host, port, connections, idleConnections, sourceAddresses, ratePerSecond, qos, inflightPerConnection, duration,
                maxMessages, seed, topicTemplate, clientIdTemplate, usernameTemplate, password, signals, keepAliveSeconds,
                connectTimeout, firstVehicle, transport, Duration.ZERO);
    }

    /** MQTT 3.1.1, JSON, plain TCP, vehicles from index 0: the load run before MQTT 5, TLS and CBOR. */
    public LoadOptions(String host, int port, int connections, int idleConnections, List<String> sourceAddresses,
                       double ratePerSecond, int qos, int inflightPerConnection, Duration duration, long maxMessages,
                       long seed, String topicTemplate, String clientIdTemplate, String usernameTemplate,
                       String password, int signals, int keepAliveSeconds, Duration connectTimeout) {
        this(host, port, connections, idleConnections, sourceAddresses, ratePerSecond, qos, inflightPerConnection, duration,
                maxMessages, seed, topicTemplate, clientIdTemplate, usernameTemplate, password, signals, keepAliveSeconds,
                connectTimeout, 0, DeviceTransport.DEFAULT);
    }

    public LoadOptions withTransport(DeviceTransport t) {
        return new LoadOptions(host, port, connections, idleConnections, sourceAddresses, ratePerSecond, qos, inflightPerConnection,
                duration, maxMessages, seed, topicTemplate, clientIdTemplate, usernameTemplate, password, signals, keepAliveSeconds,
                connectTimeout, firstVehicle, t, warmup);
    }

    public LoadOptions withFirstVehicle(int first) {
        return new LoadOptions(host, port, connections, idleConnections, sourceAddresses, ratePerSecond, qos, inflightPerConnection,
                duration, maxMessages, seed, topicTemplate, clientIdTemplate, usernameTemplate, password, signals, keepAliveSeconds,
                connectTimeout, first, transport, warmup);
    }

    public LoadOptions withWarmup(Duration w) {
        return new LoadOptions(host, port, connections, idleConnections, sourceAddresses, ratePerSecond, qos, inflightPerConnection,
                duration, maxMessages, seed, topicTemplate, clientIdTemplate, usernameTemplate, password, signals, keepAliveSeconds,
                connectTimeout, firstVehicle, transport, w);
    }

    /** Vehicle index of this process's connection {@code connection}. */
    public int vehicleIndex(int connection) {
        return firstVehicle + connection;
    }

    public String vin(int connection) {
        return VinFactory.vin(seed, vehicleIndex(connection));
    }

    static String expand(String template, String vin, int index) {
        return template == null ? null : template.replace("{vin}", vin).replace("{i}", Integer.toString(index));
    }
}
