-- Raw telemetry: one row per sample. The signals the analytics use get a column each (read by
-- name, compressed per column); any other VSS path a device sends is kept in the two parallel
-- arrays, so nothing a vehicle reports is lost.
--
-- Resends and replays carry the same (vin, seq) and so the same ts: ReplacingMergeTree keyed by
-- the sort key folds them on merge, and analysts read with FINAL for exact, deduplicated answers.
-- ClickHouse 18.16 has no DateTime64: the sample time is a DateTime for partitioning and range
-- filters plus the exact epoch milliseconds.
CREATE TABLE IF NOT EXISTS ${database}.telemetry (
    vin String,
    seq UInt64,
    ts DateTime,
    ts_ms UInt64,
    received_at_ms UInt64,
    gateway_id String,
    speed_kmh Nullable(Float32),
    odometer_km Nullable(Float64),
    latitude Nullable(Float64),
    longitude Nullable(Float64),
    accel_longitudinal_ms2 Nullable(Float32),
    brake_pedal_pct Nullable(Float32),
    pad_wear_front_left_pct Nullable(Float32),
    pad_wear_front_right_pct Nullable(Float32),
    pad_wear_rear_left_pct Nullable(Float32),
    pad_wear_rear_right_pct Nullable(Float32),
    tire_pressure_front_left_kpa Nullable(Float32),
    tire_pressure_front_right_kpa Nullable(Float32),
    tire_pressure_rear_left_kpa Nullable(Float32),
    tire_pressure_rear_right_kpa Nullable(Float32),
    engine_rpm Nullable(Float32),
    coolant_temp_c Nullable(Float32),
    oil_pressure_kpa Nullable(Float32),
    engine_load_pct Nullable(Float32),
    throttle_pct Nullable(Float32),
    intake_temp_c Nullable(Float32),
    air_temp_c Nullable(Float32),
    fuel_level_pct Nullable(Float32),
    lv_battery_voltage_v Nullable(Float32),
    hv_battery_voltage_v Nullable(Float32),
    hv_battery_current_a Nullable(Float32),
    hv_battery_soc_pct Nullable(Float32),
    hv_battery_temp_c Nullable(Float32),
    hv_battery_gross_capacity_kwh Nullable(Float32),
    other_signal_names Array(String),
    other_signal_values Array(Float64)
) ENGINE = ReplacingMergeTree(received_at_ms)
PARTITION BY toYYYYMM(ts)
ORDER BY (vin, ts, seq);
