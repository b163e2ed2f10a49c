-- Rows the server refused to parse, isolated by the sink (it splits a failing batch until the
-- bad rows stand alone) and kept here with the server's error, so nothing is lost silently and an
-- operator can inspect, fix and replay them. row_bytes holds the row exactly as it was sent.
CREATE TABLE IF NOT EXISTS ${database}.dead_letters (
    failed_at DateTime,
    target_table String,
    format String,
    columns Array(String),
    error_code Int32,
    error_message String,
    row_bytes String
) ENGINE = MergeTree
PARTITION BY toYYYYMM(failed_at)
ORDER BY (target_table, failed_at);
