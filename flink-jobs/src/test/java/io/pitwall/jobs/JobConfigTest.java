package io.pitwall.jobs;

import io.pitwall.jobs.config.JobConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigTest {

    @Test
    void flagsWinOverEnvironmentAndDefaultsFillTheRest() {
        JobConfig config = JobConfig.from(new String[] {"--kafka.bootstrap", "k:1"},
                Map.of("PITWALL_KAFKA_BOOTSTRAP", "ignored:2", "PITWALL_CLICKHOUSE_URL", "http://c:8123/"));
        assertThat(config.kafkaBootstrap()).isEqualTo("k:1");
        assertThat(config.clickHouseUrl()).isEqualTo("http://c:8123/");
        assertThat(config.rawTopic()).isEqualTo("telemetry.raw");
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void namesEveryProblemAtOnce() {
        assertThatThrownBy(() -> JobConfig.from(new String[] {"--parallelism", "two"}, Map.of()))
                .hasMessageContaining("--kafka.bootstrap (or PITWALL_KAFKA_BOOTSTRAP) is required")
                .hasMessageContaining("--clickhouse.url (or PITWALL_CLICKHOUSE_URL) is required")
                .hasMessageContaining("--parallelism must be a whole number, was 'two'");
    }
}
