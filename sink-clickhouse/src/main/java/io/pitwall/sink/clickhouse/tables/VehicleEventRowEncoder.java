package io.pitwall.sink.clickhouse.tables;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.sink.clickhouse.sink.RowEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Writes {@link VehicleEvent}s as RowBinary rows of the {@code vehicle_events} table (V002). */
public final class VehicleEventRowEncoder implements RowEncoder<VehicleEvent> {

    private static final long serialVersionUID = 1L;
    private static final List<String> COLUMNS = List.of("vin", "seq", "ts", "ts_ms", "type", "code",
            "service_items", "service_odometer_km", "detail");

    @Override
    public int encode(VehicleEvent event, OutputStream out) throws IOException {
        RowBinary.string(out, event.vin());
        RowBinary.uint64(out, event.seq());
        RowBinary.timeAndMillis(out, event.ts());
        RowBinary.name(out, event.type());
        RowBinary.string(out, event.code());
        JsonNode detail = event.detail();
        List<String> items = new ArrayList<>();
        Double odometer = null;
        if (event.type() == EventType.SERVICE_DONE && detail != null) {
            detail.path("items").forEach(item -> items.add(item.asText()));
            JsonNode km = detail.get("odometerKm");
            odometer = km != null && km.isNumber() ? km.doubleValue() : null;
        }
        RowBinary.stringArray(out, items);
        RowBinary.nullableFloat64(out, odometer);
        RowBinary.string(out, detail == null ? "" : detail.toString());
        return 1;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }
}
