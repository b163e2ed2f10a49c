package io.pitwall.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferJobConfigTest {

    @Test
    void defaultsNeedOnlyKafkaAndClickHouse() {
        OfferJobConfig config = OfferJobConfig.from(new String[] {"--kafka.bootstrap", "k:9092", "--clickhouse.url", "http://c:8123/"},
                Map.of());
        assertThat(config.consumerGroup()).isEqualTo("pitwall-offers");
        assertThat(config.topics().deadLetters()).isEqualTo("offer.dead-letters");
        assertThat(config.offers().quietStart()).isEqualTo(LocalTime.of(22, 0));
        assertThat(config.delivery().webhookUrl()).isNull();
    }

    @Test
    void environmentVariablesAreReadAndBlankMeansUnset() {
        OfferJobConfig config = OfferJobConfig.from(new String[0], Map.of("PITWALL_KAFKA_BOOTSTRAP", "k:9092",
                "PITWALL_CLICKHOUSE_URL", "http://c:8123/", "PITWALL_OFFERS_WEBHOOK_URL", "", "PITWALL_OFFERS_QUIET_START", "23:30"));
        assertThat(config.delivery().webhookUrl()).isNull();
        assertThat(config.offers().quietStart()).isEqualTo(LocalTime.of(23, 30));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> OfferJobConfig.from(new String[] {"--offers.quiet-end", "8 o'clock", "--offers.webhook.url",
                "http://hook", "--offers.webhook.secret", "short"}, Map.of()))
                .hasMessageContaining("--kafka.bootstrap")
                .hasMessageContaining("--clickhouse.url")
                .hasMessageContaining("--offers.quiet-end must be a time of day")
                .hasMessageContaining("openssl rand -hex 32");
    }
}
