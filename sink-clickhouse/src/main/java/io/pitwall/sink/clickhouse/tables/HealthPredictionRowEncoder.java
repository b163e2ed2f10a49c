package io.pitwall.sink.clickhouse.tables;

import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.health.HealthPrediction.AxleWear;
import io.pitwall.contracts.health.HealthPrediction.LowVoltageBattery;
import io.pitwall.contracts.health.HealthPrediction.TractionBattery;
import io.pitwall.sink.clickhouse.sink.RowEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes {@link HealthPrediction}s as RowBinary rows of the {@code health_predictions} table (V004),
 * flattening each part; a part the prediction does not have yet becomes NULLs.
 */
public final class HealthPredictionRowEncoder implements RowEncoder<HealthPrediction> {

    private static final long serialVersionUID = 1L;
    private static final List<String> COLUMNS = List.of("vin", "as_of", "as_of_ms", "odometer_km",
            "front_pad_wear_pct", "front_pad_km_to_threshold", "front_pad_days_to_threshold", "front_pad_confidence",
            "rear_pad_wear_pct", "rear_pad_km_to_threshold", "rear_pad_days_to_threshold", "rear_pad_confidence",
            "lv_battery_state", "lv_battery_resting_voltage_v", "lv_battery_no_start_risk",
            "hv_battery_soh_pct", "hv_battery_fade_per_10000km", "hv_battery_date_80pct", "hv_battery_date_70pct",
            "hv_battery_confidence");

    @Override
    public int encode(HealthPrediction p, OutputStream out) throws IOException {
        RowBinary.string(out, p.vin());
        RowBinary.timeAndMillis(out, p.asOf());
        RowBinary.nullableFloat64(out, p.odometerKm());
        HealthPrediction.BrakePads pads = p.brakePads();
        axle(out, pads == null ? null : pads.front());
        axle(out, pads == null ? null : pads.rear());
        LowVoltageBattery lv = p.lowVoltageBattery();
        RowBinary.string(out, lv == null ? null : lv.state());
        RowBinary.nullableFloat32(out, lv == null ? null : lv.restingVoltage());
        RowBinary.nullableFloat32(out, lv == null ? null : lv.noStartRisk());
        TractionBattery hv = p.tractionBattery();
        RowBinary.nullableFloat32(out, hv == null ? null : hv.sohPercent());
        RowBinary.nullableFloat32(out, hv == null ? null : hv.fadePer10000Km());
        RowBinary.nullableDate(out, hv == null ? null : hv.date80Percent());
        RowBinary.nullableDate(out, hv == null ? null : hv.date70Percent());
        RowBinary.nullableFloat32(out, hv == null ? null : hv.confidence());
        return 1;
    }

    private static void axle(OutputStream out, AxleWear wear) throws IOException {
        RowBinary.nullableFloat32(out, wear == null ? null : wear.wearPercent());
        RowBinary.nullableFloat32(out, wear == null ? null : wear.kmToThreshold());
        RowBinary.nullableFloat32(out, wear == null ? null : wear.daysToThreshold());
        RowBinary.nullableFloat32(out, wear == null ? null : wear.confidence());
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }
}
