CREATE TABLE IF NOT EXISTS bench.telemetry_nan (
    vin String, seq UInt64, ts DateTime, ts_ms UInt64, received_at_ms UInt64, gateway_id String,
    speed_kmh Float32, odometer_km Float64, latitude Float64, longitude Float64, accel_longitudinal_ms2 Float32,
    brake_pedal_pct Float32, pad_wear_front_left_pct Float32, pad_wear_front_right_pct Float32,
    pad_wear_rear_left_pct Float32, pad_wear_rear_right_pct Float32, tire_pressure_front_left_kpa Float32,
    tire_pressure_front_right_kpa Float32, tire_pressure_rear_left_kpa Float32, tire_pressure_rear_right_kpa Float32,
    engine_rpm Float32, coolant_temp_c Float32, oil_pressure_kpa Float32, engine_load_pct Float32, throttle_pct Float32,
    intake_temp_c Float32, air_temp_c Float32, fuel_level_pct Float32, lv_battery_voltage_v Float32,
    hv_battery_voltage_v Float32, hv_battery_current_a Float32, hv_battery_soc_pct Float32, hv_battery_temp_c Float32,
    hv_battery_gross_capacity_kwh Float32, other_signal_names Array(String), other_signal_values Array(Float64)
) ENGINE = ReplacingMergeTree(received_at_ms) PARTITION BY toYYYYMM(ts) ORDER BY (vin, ts, seq);
CREATE TABLE IF NOT EXISTS bench.telemetry_arrays (
    vin String, seq UInt64, ts DateTime, ts_ms UInt64, received_at_ms UInt64, gateway_id String,
    signal_ids Array(UInt8), signal_values Array(Float64),
    other_signal_names Array(String), other_signal_values Array(Float64)
) ENGINE = ReplacingMergeTree(received_at_ms) PARTITION BY toYYYYMM(ts) ORDER BY (vin, ts, seq);
