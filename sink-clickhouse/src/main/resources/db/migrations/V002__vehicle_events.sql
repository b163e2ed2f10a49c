-- Vehicle events (DTCs, ignition, completed services): one row per event. A resent or replayed
-- event has the same (vin, seq) and so the same ts; ReplacingMergeTree folds the copies on merge and
-- FINAL reads them folded. The SERVICE_DONE items and odometer are copied out of the JSON detail
-- because ClickHouse 18.16 has no JSONExtract.
CREATE TABLE IF NOT EXISTS ${database}.vehicle_events (
    vin String,
    seq UInt64,
    ts DateTime,
    ts_ms UInt64,
    type String,
    code String,
    service_items Array(String),
    service_odometer_km Nullable(Float64),
    detail String
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (vin, ts, seq);
