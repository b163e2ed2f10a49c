-- Per-vehicle per-hour signal rollup for dashboards. A materialized view sees every INSERT,
-- resends included, so it keeps only aggregates that a duplicate cannot change: minimum, maximum,
-- first and last, and a bit mask of which signals the hour carried. Distance driven is
-- max - min of the odometer; counts and averages come from telemetry FINAL, where duplicates are
-- folded.
--
-- The states are minIf/maxIf over assumeNotNull(x) rather than min/max over the Nullable column,
-- because the type of minState(Nullable(x)) differs between ClickHouse 18.16 and current servers;
-- the If form has the same type on both. An hour without a signal therefore holds 0 in its state,
-- and the mask says so: read the rollup through telemetry_hourly_v, which turns those into NULL.
--
-- The view fills from the first INSERT after this migration; older rows can be rolled up with the
-- same SELECT as an INSERT (safe to repeat, for the same reason).
CREATE TABLE IF NOT EXISTS ${database}.telemetry_hourly (
    vin String,
    hour DateTime,
    present AggregateFunction(groupBitOr, UInt16),
    first_ts_ms AggregateFunction(min, UInt64),
    last_ts_ms AggregateFunction(max, UInt64),
    odometer_min_km AggregateFunction(minIf, Float64, UInt8),
    odometer_max_km AggregateFunction(maxIf, Float64, UInt8),
    speed_max_kmh AggregateFunction(maxIf, Float32, UInt8),
    coolant_max_c AggregateFunction(maxIf, Float32, UInt8),
    oil_pressure_min_kpa AggregateFunction(minIf, Float32, UInt8),
    lv_battery_min_v AggregateFunction(minIf, Float32, UInt8),
    pad_wear_front_max_pct AggregateFunction(maxIf, Float32, UInt8),
    pad_wear_rear_max_pct AggregateFunction(maxIf, Float32, UInt8),
    tire_pressure_min_kpa AggregateFunction(minIf, Float32, UInt8),
    hv_battery_soc_min_pct AggregateFunction(minIf, Float32, UInt8),
    hv_battery_soc_max_pct AggregateFunction(maxIf, Float32, UInt8),
    hv_battery_temp_max_c AggregateFunction(maxIf, Float32, UInt8)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (vin, hour);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.telemetry_hourly_mv TO ${database}.telemetry_hourly AS
SELECT
    vin,
    toStartOfHour(ts) AS hour,
    groupBitOrState(toUInt16(
          1 * isNotNull(odometer_km)
        + 2 * isNotNull(speed_kmh)
        + 4 * isNotNull(coolant_temp_c)
        + 8 * isNotNull(oil_pressure_kpa)
        + 16 * isNotNull(lv_battery_voltage_v)
        + 32 * (isNotNull(pad_wear_front_left_pct) OR isNotNull(pad_wear_front_right_pct))
        + 64 * (isNotNull(pad_wear_rear_left_pct) OR isNotNull(pad_wear_rear_right_pct))
        + 128 * (isNotNull(tire_pressure_front_left_kpa) OR isNotNull(tire_pressure_front_right_kpa)
                 OR isNotNull(tire_pressure_rear_left_kpa) OR isNotNull(tire_pressure_rear_right_kpa))
        + 256 * isNotNull(hv_battery_soc_pct)
        + 512 * isNotNull(hv_battery_temp_c))) AS present,
    minState(ts_ms) AS first_ts_ms,
    maxState(ts_ms) AS last_ts_ms,
    minIfState(assumeNotNull(odometer_km), isNotNull(odometer_km)) AS odometer_min_km,
    maxIfState(assumeNotNull(odometer_km), isNotNull(odometer_km)) AS odometer_max_km,
    maxIfState(assumeNotNull(speed_kmh), isNotNull(speed_kmh)) AS speed_max_kmh,
    maxIfState(assumeNotNull(coolant_temp_c), isNotNull(coolant_temp_c)) AS coolant_max_c,
    minIfState(assumeNotNull(oil_pressure_kpa), isNotNull(oil_pressure_kpa)) AS oil_pressure_min_kpa,
    minIfState(assumeNotNull(lv_battery_voltage_v), isNotNull(lv_battery_voltage_v)) AS lv_battery_min_v,
    maxIfState(toFloat32(greatest(ifNull(pad_wear_front_left_pct, -1), ifNull(pad_wear_front_right_pct, -1))),
               isNotNull(pad_wear_front_left_pct) OR isNotNull(pad_wear_front_right_pct)) AS pad_wear_front_max_pct,
    maxIfState(toFloat32(greatest(ifNull(pad_wear_rear_left_pct, -1), ifNull(pad_wear_rear_right_pct, -1))),
               isNotNull(pad_wear_rear_left_pct) OR isNotNull(pad_wear_rear_right_pct)) AS pad_wear_rear_max_pct,
    minIfState(toFloat32(least(least(ifNull(tire_pressure_front_left_kpa, 100000), ifNull(tire_pressure_front_right_kpa, 100000)),
                     least(ifNull(tire_pressure_rear_left_kpa, 100000), ifNull(tire_pressure_rear_right_kpa, 100000)))),
               isNotNull(tire_pressure_front_left_kpa) OR isNotNull(tire_pressure_front_right_kpa)
               OR isNotNull(tire_pressure_rear_left_kpa) OR isNotNull(tire_pressure_rear_right_kpa)) AS tire_pressure_min_kpa,
    minIfState(assumeNotNull(hv_battery_soc_pct), isNotNull(hv_battery_soc_pct)) AS hv_battery_soc_min_pct,
    maxIfState(assumeNotNull(hv_battery_soc_pct), isNotNull(hv_battery_soc_pct)) AS hv_battery_soc_max_pct,
    maxIfState(assumeNotNull(hv_battery_temp_c), isNotNull(hv_battery_temp_c)) AS hv_battery_temp_max_c
FROM ${database}.telemetry
GROUP BY vin, hour;

-- The rollup as analysts read it: one row per vehicle and hour, NULL where the hour had no value.
CREATE VIEW IF NOT EXISTS ${database}.telemetry_hourly_v AS
SELECT
    vin,
    hour,
    groupBitOrMerge(present) AS present_mask,
    minMerge(first_ts_ms) AS first_ts_ms,
    maxMerge(last_ts_ms) AS last_ts_ms,
    if(bitTest(present_mask, 0), minIfMerge(odometer_min_km), NULL) AS odometer_min_km,
    if(bitTest(present_mask, 0), maxIfMerge(odometer_max_km), NULL) AS odometer_max_km,
    odometer_max_km - odometer_min_km AS distance_km,
    if(bitTest(present_mask, 1), maxIfMerge(speed_max_kmh), NULL) AS speed_max_kmh,
    if(bitTest(present_mask, 2), maxIfMerge(coolant_max_c), NULL) AS coolant_max_c,
    if(bitTest(present_mask, 3), minIfMerge(oil_pressure_min_kpa), NULL) AS oil_pressure_min_kpa,
    if(bitTest(present_mask, 4), minIfMerge(lv_battery_min_v), NULL) AS lv_battery_min_v,
    if(bitTest(present_mask, 5), maxIfMerge(pad_wear_front_max_pct), NULL) AS pad_wear_front_max_pct,
    if(bitTest(present_mask, 6), maxIfMerge(pad_wear_rear_max_pct), NULL) AS pad_wear_rear_max_pct,
    if(bitTest(present_mask, 7), minIfMerge(tire_pressure_min_kpa), NULL) AS tire_pressure_min_kpa,
    if(bitTest(present_mask, 8), minIfMerge(hv_battery_soc_min_pct), NULL) AS hv_battery_soc_min_pct,
    if(bitTest(present_mask, 8), maxIfMerge(hv_battery_soc_max_pct), NULL) AS hv_battery_soc_max_pct,
    if(bitTest(present_mask, 9), maxIfMerge(hv_battery_temp_max_c), NULL) AS hv_battery_temp_max_c
FROM ${database}.telemetry_hourly
GROUP BY vin, hour;
