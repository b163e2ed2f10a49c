package io.pitwall.sink.clickhouse.tables;

import java.util.Map;

/**
 * One telemetry sample as stored: the vehicle's identifiers and clock, when and where the gateway
 * received it, and its signals keyed by VSS path.
 */
public record TelemetryRow(String vin, long seq, long tsMillis, long receivedAtMillis, String gatewayId,
                           Map<String, Double> signals) {
}
