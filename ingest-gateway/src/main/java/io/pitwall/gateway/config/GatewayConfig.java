package io.pitwall.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the gateway needs to run. Built with {@link #builder()}, which fills documented
 * defaults and checks the whole configuration at once in {@link Builder#build()}.
 *
 * @param bindHost           address the MQTT listener binds to (default 127.0.0.1)
 * @param mqttPort           plain MQTT port; 0 picks a free port (default 1883)
 * @param gatewayId          names this node in every record it writes (default "gw-1")
 * @param kafkaBootstrap     Kafka bootstrap servers (required)
 * @param rawTopic           where accepted telemetry, events and status go (default telemetry.raw)
 * @param rejectedTopic      where refused payloads go with their reason (default telemetry.rejected)
 * @param maxPacketBytes     largest MQTT packet accepted; larger ones close the connection (default 256 KiB)
 * @param maxInFlightPerConnection QoS 1/2 publishes awaiting Kafka before reading from that
 *                           socket pauses (default 64)
 * @param deviceRegistry     JSON file of registered vehicles and their hashed secrets (required)
 */
public record GatewayConfig(String bindHost, int mqttPort, String gatewayId, String kafkaBootstrap,
                            String rawTopic, String rejectedTopic, int maxPacketBytes,
                            int maxInFlightPerConnection, Path deviceRegistry) {

    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings; {@link #build()} reports every problem in one message. */
    public static final class Builder {
        private String bindHost = "127.0.0.1";
        private int mqttPort = 1883;
        private String gatewayId = "gw-1";
        private String kafkaBootstrap;
        private String rawTopic = "telemetry.raw";
        private String rejectedTopic = "telemetry.rejected";
        private int maxPacketBytes = 256 * 1024;
        private int maxInFlightPerConnection = 64;
        private Path deviceRegistry;

        public Builder bindHost(String v) { bindHost = v; return this; }
        public Builder mqttPort(int v) { mqttPort = v; return this; }
        public Builder gatewayId(String v) { gatewayId = v; return this; }
        public Builder kafkaBootstrap(String v) { kafkaBootstrap = v; return this; }
        public Builder rawTopic(String v) { rawTopic = v; return this; }
        public Builder rejectedTopic(String v) { rejectedTopic = v; return this; }
        public Builder maxPacketBytes(int v) { maxPacketBytes = v; return this; }
        public Builder maxInFlightPerConnection(int v) { maxInFlightPerConnection = v; return this; }
        public Builder deviceRegistry(Path v) { deviceRegistry = v; return this; }

        public GatewayConfig build() {
            List<String> problems = new ArrayList<>();
            if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
                problems.add("kafka bootstrap servers are not set (--kafka / PITWALL_KAFKA_BOOTSTRAP)");
            }
            if (deviceRegistry == null) {
                problems.add("the device registry file is not set (--devices / PITWALL_DEVICES)");
            }
            if (mqttPort < 0 || mqttPort > 65535) {
                problems.add("MQTT port " + mqttPort + " is outside 0-65535");
            }
            if (maxPacketBytes < 1024) {
                problems.add("max packet size " + maxPacketBytes + " is below 1024 bytes; telemetry would not fit");
            }
            if (maxInFlightPerConnection < 1) {
                problems.add("max in-flight per connection must be at least 1");
            }
            if (gatewayId == null || gatewayId.isBlank()) {
                problems.add("gateway id must not be blank");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Gateway configuration is invalid: " + String.join("; ", problems));
            }
            return new GatewayConfig(Objects.requireNonNull(bindHost), mqttPort, gatewayId, kafkaBootstrap,
                    rawTopic, rejectedTopic, maxPacketBytes, maxInFlightPerConnection, deviceRegistry);
        }
    }
}
