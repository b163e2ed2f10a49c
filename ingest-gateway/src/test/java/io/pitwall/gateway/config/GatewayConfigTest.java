package io.pitwall.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigTest {

    @Test
    void defaultsAreSecureAndBindNothingExtra() {
        GatewayConfig config = GatewayConfig.builder().kafkaBootstrap("k:9092").deviceRegistry(Path.of("d.json")).build();
        assertThat(config.developmentProfile()).isFalse();
        assertThat(config.httpPort()).isEqualTo(-1);
        assertThat(config.tls()).isNull();
        assertThat(config.limits()).isEqualTo(Limits.defaults());
        assertThat(config.downlinkEnabled()).isTrue();
        assertThat(config.eventLoopThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void takesAnExplicitNumberOfEventLoops() {
        GatewayConfig.Builder builder = GatewayConfig.builder().kafkaBootstrap("k:9092").deviceRegistry(Path.of("d.json"));
        assertThat(builder.eventLoops(3).build().eventLoopThreads()).isEqualTo(3);
        assertThatThrownBy(() -> builder.eventLoops(-1).build()).hasMessageContaining("event loops must be within 0-1024");
    }

    @Test
    void reportsEveryProblemInOneMessage() {
        assertThatThrownBy(() -> GatewayConfig.builder().mqttPort(70_000)
                .limits(Limits.defaults().withMaxSubscriptions(0).withMaxKeepAliveSeconds(0))
                .tls(new TlsConfig(8883, Path.of("/nonexistent.p12"), "x", null, null)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka bootstrap servers are not set")
                .hasMessageContaining("device registry file is not set")
                .hasMessageContaining("MQTT port 70000")
                .hasMessageContaining("max subscriptions must be at least 1")
                .hasMessageContaining("max keep-alive")
                .hasMessageContaining("TLS key store /nonexistent.p12");
    }
}
