package io.pitwall.jobs;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go: Kafka for the consumers of CONTRACTS section 2 and ClickHouse for
 * the analysts in production, collecting sinks in tests.
 *
 * @param telemetry    every accepted sample (ClickHouse {@code telemetry})
 * @param events       every vehicle event (ClickHouse {@code vehicle_events})
 * @param alerts       alerts for the customer-journey system (Kafka {@code vehicle.alerts})
 * @param alertStore   the same alerts for analysts (ClickHouse {@code alerts})
 * @param health       health predictions (Kafka {@code vehicle.health})
 * @param healthStore  the same predictions for analysts (ClickHouse {@code health_predictions})
 */
public record JobSinks(Sink<TelemetryRow> telemetry, Sink<VehicleEvent> events, Sink<Alert> alerts,
                       Sink<Alert> alertStore, Sink<HealthPrediction> health, Sink<HealthPrediction> healthStore) {
}
