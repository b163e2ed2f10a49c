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
 * @param noticesTopic       notices to deliver to vehicles; blank turns the downlink off (default vehicle.notices)
 * @param maxPacketBytes     largest MQTT packet accepted; larger ones close the connection (default 256 KiB)
 * @param maxInFlightPerConnection QoS 1/2 publishes awaiting Kafka before reading from that
 *                           socket pauses (default 64); also the MQTT 5 receive maximum announced, so
 *                           an MQTT 5 client with more unacknowledged is disconnected with 0x93
 * @param deviceRegistry     JSON file of registered vehicles and their hashed secrets (required)
 * @param httpPort           loopback port of the metrics and health endpoints; 0 picks a free port, -1 turns
 *                           them off (default -1 here, so embedding programs and tests bind nothing extra;
 *                           the CLI's default is 9464)
 * @param connectTimeoutSeconds a connection that has not sent CONNECT by then is closed (default 10)
 * @param kafkaDeliveryTimeoutMs how long a Kafka write is retried before it fails and the publish stays
 *                           unacknowledged (default 30,000 ms)
 * @param developmentProfile the INSECURE development profile: no authentication, any client id, and
 *                           general publish/subscribe on any topic between clients, so standard MQTT
 *                           tools and conformance suites can be pointed at the gateway; vehicle topics
 *                           still go to Kafka. Never for production (default false)
 * @param tls                the TLS listener, or null for none (default none)
 * @param limits             connection, rate and queue bounds (default {@link Limits#defaults()})
 * @param eventLoops         threads serving the MQTT connections; 0 for one per available core
 *                           (default 0). Nothing on them blocks - secrets are checked on their own
 *                           executor, Kafka sends refuse rather than wait - so more threads than
 *                           cores only add switching: on 2 cores, 2 loops took 169-172k QoS 1
 *                           publishes/s where Netty's default of 4 took 155k (docs/benchmarks.md)
 */
public record GatewayConfig(String bindHost, int mqttPort, String gatewayId, String kafkaBootstrap,
                            String rawTopic, String rejectedTopic, String noticesTopic, int maxPacketBytes,
                            int maxInFlightPerConnection, Path deviceRegistry, int httpPort,
                            int connectTimeoutSeconds, int kafkaDeliveryTimeoutMs, boolean developmentProfile,
                            TlsConfig tls, Limits limits, int eventLoops) {

    public static Builder builder() {
        return new Builder();
    }

    /** The number of event loop threads to start: {@link #eventLoops()}, or one per available core. */
    public int eventLoopThreads() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    public boolean downlinkEnabled() {
        return noticesTopic != null && !noticesTopic.isBlank();
    }

    /** Collects settings; {@link #build()} reports every problem in one message. */
    public static final class Builder {
        private String bindHost = "127.0.0.1";
        private int mqttPort = 1883;
        private String gatewayId = "gw-1";
        private String kafkaBootstrap;
        private String rawTopic = "telemetry.raw";
        private String rejectedTopic = "telemetry.rejected";
        private String noticesTopic = "vehicle.notices";
        private int maxPacketBytes = 256 * 1024;
        private int maxInFlightPerConnection = 64;
        private Path deviceRegistry;
        private int httpPort = -1;
        private int connectTimeoutSeconds = 10;
        private int kafkaDeliveryTimeoutMs = 30_000;
        private boolean developmentProfile;
        private TlsConfig tls;
        private Limits limits = Limits.defaults();
        private int eventLoops;

        public Builder bindHost(String v) { bindHost = v; return this; }
        public Builder mqttPort(int v) { mqttPort = v; return this; }
        public Builder gatewayId(String v) { gatewayId = v; return this; }
        public Builder kafkaBootstrap(String v) { kafkaBootstrap = v; return this; }
        public Builder rawTopic(String v) { rawTopic = v; return this; }
        public Builder rejectedTopic(String v) { rejectedTopic = v; return this; }
        public Builder noticesTopic(String v) { noticesTopic = v; return this; }
        public Builder maxPacketBytes(int v) { maxPacketBytes = v; return this; }
        public Builder maxInFlightPerConnection(int v) { maxInFlightPerConnection = v; return this; }
        public Builder deviceRegistry(Path v) { deviceRegistry = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder connectTimeoutSeconds(int v) { connectTimeoutSeconds = v; return this; }
        public Builder kafkaDeliveryTimeoutMs(int v) { kafkaDeliveryTimeoutMs = v; return this; }
        public Builder developmentProfile(boolean v) { developmentProfile = v; return this; }
        public Builder tls(TlsConfig v) { tls = v; return this; }
        public Builder limits(Limits v) { limits = v; return this; }
        public Builder eventLoops(int v) { eventLoops = v; return this; }

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
            if (httpPort < -1 || httpPort > 65535) {
                problems.add("HTTP port " + httpPort + " is outside 0-65535 (or -1 for none)");
            }
            if (maxPacketBytes < 1024) {
                problems.add("max packet size " + maxPacketBytes + " is below 1024 bytes; telemetry would not fit");
            }
            if (maxInFlightPerConnection < 1 || maxInFlightPerConnection > 65_535) {
                problems.add("max in-flight per connection must be within 1-65535");
            }
            if (connectTimeoutSeconds < 1) {
                problems.add("connect timeout must be at least 1 second");
            }
            if (kafkaDeliveryTimeoutMs < 1_000) {
                problems.add("Kafka delivery timeout must be at least 1000 ms");
            }
            if (eventLoops < 0 || eventLoops > 1024) {
                problems.add("event loops must be within 0-1024 (0 for one per core)");
            }
            if (gatewayId == null || gatewayId.isBlank()) {
                problems.add("gateway id must not be blank");
            }
            if (tls != null) {
                problems.addAll(tls.problems());
            }
            if (limits == null) {
                problems.add("limits must be set");
            } else {
                problems.addAll(limits.problems());
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Gateway configuration is invalid: " + String.join("; ", problems));
            }
            return new GatewayConfig(Objects.requireNonNull(bindHost), mqttPort, gatewayId, kafkaBootstrap,
                    rawTopic, rejectedTopic, noticesTopic, maxPacketBytes, maxInFlightPerConnection, deviceRegistry,
                    httpPort, connectTimeoutSeconds, kafkaDeliveryTimeoutMs, developmentProfile, tls, limits, eventLoops);
        }
    }
}
