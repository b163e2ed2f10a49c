-- Health predictions: every estimate the pipeline publishes, flattened (brake pads per axle, 12 V
-- battery, traction battery). An estimate is identified by (vin, as_of): recomputing it from the
-- same samples yields the same key and folds. Analysts read the newest per vehicle with
-- argMax(..., as_of_ms). A part that could not be estimated yet is NULL ('' for the 12 V state).
CREATE TABLE IF NOT EXISTS ${database}.health_predictions (
    vin String,
    as_of DateTime,
    as_of_ms UInt64,
    odometer_km Nullable(Float64),
    front_pad_wear_pct Nullable(Float32),
    front_pad_km_to_threshold Nullable(Float32),
    front_pad_days_to_threshold Nullable(Float32),
    front_pad_confidence Nullable(Float32),
    rear_pad_wear_pct Nullable(Float32),
    rear_pad_km_to_threshold Nullable(Float32),
    rear_pad_days_to_threshold Nullable(Float32),
    rear_pad_confidence Nullable(Float32),
    lv_battery_state String,
    lv_battery_resting_voltage_v Nullable(Float32),
    lv_battery_no_start_risk Nullable(Float32),
    hv_battery_soh_pct Nullable(Float32),
    hv_battery_fade_per_10000km Nullable(Float32),
    hv_battery_date_80pct Nullable(Date),
    hv_battery_date_70pct Nullable(Date),
    hv_battery_confidence Nullable(Float32)
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(as_of)
ORDER BY (vin, as_of_ms);
