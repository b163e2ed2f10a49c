package io.pitwall.sink.clickhouse.tables;

import io.pitwall.sink.clickhouse.sink.RowEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.clickhouse.data.format.BinaryStreamUtils.writeFloat32;
import static com.clickhouse.data.format.BinaryStreamUtils.writeFloat64;
import static com.clickhouse.data.format.BinaryStreamUtils.writeNonNull;
import static com.clickhouse.data.format.BinaryStreamUtils.writeNull;
import static com.clickhouse.data.format.BinaryStreamUtils.writeString;
import static com.clickhouse.data.format.BinaryStreamUtils.writeUnsignedInt32;
import static com.clickhouse.data.format.BinaryStreamUtils.writeUnsignedInt64;
import static com.clickhouse.data.format.BinaryStreamUtils.writeVarInt;

/** Writes {@link TelemetryRow}s as RowBinary rows of the {@code telemetry} table. */
public final class TelemetryRowEncoder implements RowEncoder<TelemetryRow> {

    private static final long serialVersionUID = 1L;
    private static final List<String> COLUMNS = columns(TelemetryColumns.SIGNAL_COLUMNS.values());

    @Override
    public int encode(TelemetryRow row, OutputStream out) throws IOException {
        writeString(out, row.vin());
        writeUnsignedInt64(out, row.seq());
        writeUnsignedInt32(out, Math.floorDiv(row.tsMillis(), 1000));
        writeUnsignedInt64(out, row.tsMillis());
        writeUnsignedInt64(out, row.receivedAtMillis());
        writeString(out, row.gatewayId());
        Map<String, Double> signals = row.signals();
        for (Map.Entry<String, String> column : TelemetryColumns.SIGNAL_COLUMNS.entrySet()) {
            Double value = signals.get(column.getKey());
            if (value == null) {
                writeNull(out);
            } else {
                writeNonNull(out);
                if (TelemetryColumns.DOUBLE_COLUMNS.contains(column.getValue())) {
                    writeFloat64(out, value);
                } else {
                    writeFloat32(out, value.floatValue());
                }
            }
        }
        writeOtherSignals(signals, out);
        return 1;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    private static void writeOtherSignals(Map<String, Double> signals, OutputStream out) throws IOException {
        List<Map.Entry<String, Double>> others = new ArrayList<>();
        for (Map.Entry<String, Double> e : signals.entrySet()) {
            if (!TelemetryColumns.SIGNAL_COLUMNS.containsKey(e.getKey())) {
                others.add(e);
            }
        }
        writeVarInt(out, others.size());
        for (Map.Entry<String, Double> e : others) {
            writeString(out, e.getKey());
        }
        writeVarInt(out, others.size());
        for (Map.Entry<String, Double> e : others) {
            writeFloat64(out, e.getValue());
        }
    }

    private static List<String> columns(java.util.Collection<String> signalColumns) {
        List<String> columns = new ArrayList<>(List.of("vin", "seq", "ts", "ts_ms", "received_at_ms", "gateway_id"));
        columns.addAll(signalColumns);
        columns.add("other_signal_names");
        columns.add("other_signal_values");
        return List.copyOf(columns);
    }
}
