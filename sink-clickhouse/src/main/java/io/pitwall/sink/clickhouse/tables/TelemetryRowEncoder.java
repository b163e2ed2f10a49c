package io.pitwall.sink.clickhouse.tables;

import io.pitwall.sink.clickhouse.sink.RowEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link TelemetryRow}s as RowBinary rows of the {@code telemetry} table. It is on the hot
 * path of the busiest table, so the signal columns are walked as plain arrays.
 */
public final class TelemetryRowEncoder implements RowEncoder<TelemetryRow> {

    private static final long serialVersionUID = 1L;
    private static final String[] PATHS = TelemetryColumns.SIGNAL_COLUMNS.keySet().toArray(String[]::new);
    private static final boolean[] FLOAT64 = float64Columns();
    private static final List<String> COLUMNS = columns(TelemetryColumns.SIGNAL_COLUMNS.values());

    @Override
    public int encode(TelemetryRow row, OutputStream out) throws IOException {
        RowBinary.string(out, row.vin());
        RowBinary.uint64(out, row.seq());
        RowBinary.dateTime(out, row.tsMillis());
        RowBinary.uint64(out, row.tsMillis());
        RowBinary.uint64(out, row.receivedAtMillis());
        RowBinary.string(out, row.gatewayId());
        Map<String, Double> signals = row.signals();
        int known = 0;
        for (int i = 0; i < PATHS.length; i++) {
            Double value = signals.get(PATHS[i]);
            if (value == null) {
                RowBinary.byte8(out, 1);
            } else {
                known++;
                RowBinary.byte8(out, 0);
                if (FLOAT64[i]) {
                    RowBinary.float64(out, value);
                } else {
                    RowBinary.float32(out, value.floatValue());
                }
            }
        }
        writeOtherSignals(signals, signals.size() - known, out);
        return 1;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    private static void writeOtherSignals(Map<String, Double> signals, int others, OutputStream out) throws IOException {
        if (others == 0) {
            RowBinary.byte8(out, 0);
            RowBinary.byte8(out, 0);
            return;
        }
        List<Map.Entry<String, Double>> other = new ArrayList<>(others);
        for (Map.Entry<String, Double> e : signals.entrySet()) {
            if (!TelemetryColumns.SIGNAL_COLUMNS.containsKey(e.getKey())) {
                other.add(e);
            }
        }
        RowBinary.varInt(out, other.size());
        for (Map.Entry<String, Double> e : other) {
            RowBinary.string(out, e.getKey());
        }
        RowBinary.varInt(out, other.size());
        for (Map.Entry<String, Double> e : other) {
            RowBinary.float64(out, e.getValue());
        }
    }

    private static boolean[] float64Columns() {
        String[] columns = TelemetryColumns.SIGNAL_COLUMNS.values().toArray(String[]::new);
        boolean[] wide = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            wide[i] = TelemetryColumns.DOUBLE_COLUMNS.contains(columns[i]);
        }
        return wide;
    }

    private static List<String> columns(java.util.Collection<String> signalColumns) {
        List<String> columns = new ArrayList<>(List.of("vin", "seq", "ts", "ts_ms", "received_at_ms", "gateway_id"));
        columns.addAll(signalColumns);
        columns.add("other_signal_names");
        columns.add("other_signal_values");
        return List.copyOf(columns);
    }
}
