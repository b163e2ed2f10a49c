package io.pitwall.jobs;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the job's outputs go: Kafka and ClickHouse in production, collecting sinks in tests. */
public record JobSinks(Sink<TelemetryRow> telemetry, Sink<Alert> alerts, Sink<HealthPrediction> health) {
}
