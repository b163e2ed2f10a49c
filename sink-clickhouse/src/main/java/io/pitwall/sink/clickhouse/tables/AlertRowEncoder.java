package io.pitwall.sink.clickhouse.tables;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.sink.clickhouse.sink.RowEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes {@link Alert}s as RowBinary rows of the {@code alerts} table (V003); the evidence becomes JSON text. */
public final class AlertRowEncoder implements RowEncoder<Alert> {

    private static final long serialVersionUID = 1L;
    private static final List<String> COLUMNS = List.of("alert_id", "vin", "kind", "severity", "state",
            "event_time", "event_time_ms", "detected_at_ms", "evidence", "recommendation");

    @Override
    public int encode(Alert alert, OutputStream out) throws IOException {
        RowBinary.string(out, alert.alertId());
        RowBinary.string(out, alert.vin());
        RowBinary.name(out, alert.kind());
        RowBinary.name(out, alert.severity());
        RowBinary.name(out, alert.state());
        RowBinary.timeAndMillis(out, alert.eventTime());
        RowBinary.uint64(out, alert.detectedAt());
        RowBinary.string(out, alert.evidence() == null ? "" : Json.writeString(alert.evidence()));
        RowBinary.string(out, alert.recommendation());
        return 1;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }
}
