package io.pitwall.gateway.observability;

import io.pitwall.gateway.mqtt.GatewayCounters;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayMetricsTest {

    @Test
    void countersBecomeLabelledPrometheusSeries() throws IOException {
        GatewayCounters counters = new GatewayCounters();
        counters.increment("publish.in.qos1");
        counters.increment("publish.in.qos1");
        counters.increment("publish.out.qos0");
        counters.increment("rejected.vin-mismatch");
        counters.increment("refused.bad-credentials");
        counters.increment("limit.subscriptions");
        counters.increment("disconnect.keep_alive_timeout");
        counters.increment("kafka.write-failed");
        counters.increment("will.published");
        counters.increment("outbound.dropped.queue-full");
        counters.increment("outbound.dropped.queue-full");
        counters.kafkaWrite(3_000_000, true);
        counters.backpressure(2_000_000_000L);
        GatewayMetrics metrics = new GatewayMetrics(counters);
        metrics.gauge("pitwall_gateway_connections", "Open MQTT connections", () -> 7);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(text)
                .contains("pitwall_gateway_publishes_in_total{qos=\"1\"} 2.0")
                .contains("pitwall_gateway_publishes_out_total{qos=\"0\"} 1.0")
                .contains("pitwall_gateway_rejected_total{reason=\"vin-mismatch\"} 1.0")
                .contains("pitwall_gateway_refused_total{cause=\"bad-credentials\"} 1.0")
                .contains("pitwall_gateway_limit_exceeded_total{limit=\"subscriptions\"} 1.0")
                .contains("pitwall_gateway_disconnects_total{reason=\"keep_alive_timeout\"} 1.0")
                .contains("pitwall_gateway_kafka_write_errors_total 1.0")
                .contains("pitwall_gateway_events_total{event=\"will.published\"} 1.0")
                .contains("pitwall_gateway_outbound_dropped_total{reason=\"queue-full\"} 2.0")
                .contains("pitwall_gateway_kafka_write_seconds_count{outcome=\"ok\"} 1")
                .contains("pitwall_gateway_backpressure_seconds_total 2.0")
                .contains("pitwall_gateway_connections 7.0");
    }
}
