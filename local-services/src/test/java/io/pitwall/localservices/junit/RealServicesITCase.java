package io.pitwall.localservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.KafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@RealServices
class RealServicesITCase {

    private static KafkaBroker kafkaInBeforeAll;
    private static ClickHouseServer clickHouseInBeforeAll;

    private final KafkaBroker kafka;
    private final ClickHouseServer clickHouse;

    RealServicesITCase(KafkaBroker kafka, ClickHouseServer clickHouse) {
        this.kafka = kafka;
        this.clickHouse = clickHouse;
    }

    @BeforeAll
    static void rememberServers(KafkaBroker kafka, ClickHouseServer clickHouse) {
        kafkaInBeforeAll = kafka;
        clickHouseInBeforeAll = clickHouse;
    }

    @Test
    void constructorLifecycleAndTestMethodGetTheSameRunningServers(KafkaBroker kafka, ClickHouseServer clickHouse) throws Exception {
        assertThat(kafka).isSameAs(this.kafka).isSameAs(kafkaInBeforeAll);
        assertThat(clickHouse).isSameAs(this.clickHouse).isSameAs(clickHouseInBeforeAll);
        assertThat(kafka.isRunning()).isTrue();
        assertThat(clickHouse.isRunning()).isTrue();

        kafka.createTopic("injected", 1, Map.of());
        assertThat(clickHouse.query("SELECT 1")).isEqualTo("1\n");
    }

    @Test
    void serversWorkUnderTargetLocalServices() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/local-services");

        assertThat(kafka.workDir()).startsWith(base);
        assertThat(kafka.workDir().getFileName().toString()).startsWith("RealServicesITCase-kafka-");
        assertThat(clickHouse.workDir().getFileName().toString()).startsWith("RealServicesITCase-clickhouse-");
    }

    @Nested
    class NestedTests {

        @Test
        void shareTheOuterClassesServers(KafkaBroker kafka, ClickHouseServer clickHouse) {
            assertThat(kafka).isSameAs(kafkaInBeforeAll);
            assertThat(clickHouse).isSameAs(clickHouseInBeforeAll);
            assertThat(kafka.isRunning()).isTrue();
        }
    }
}
