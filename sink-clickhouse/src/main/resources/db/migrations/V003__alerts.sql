-- Alerts: one row per state change of an alert episode (OPEN, ESCALATED, RESOLVED). The alert id
-- is deterministic, so a replay produces the same (alert_id, state, event_time) and folds into the
-- row already there; only detected_at (processing time) may differ, and the latest detection wins.
CREATE TABLE IF NOT EXISTS ${database}.alerts (
    alert_id String,
    vin String,
    kind String,
    severity String,
    state String,
    event_time DateTime,
    event_time_ms UInt64,
    detected_at_ms UInt64,
    evidence String,
    recommendation String
) ENGINE = ReplacingMergeTree(detected_at_ms)
PARTITION BY toYYYYMM(event_time)
ORDER BY (vin, alert_id, state, event_time_ms);

-- Alerts per day by kind and severity for dashboards. A materialized view sees every INSERT,
-- duplicates included, so the rollup keeps exact sets of alert ids (uniqExact is idempotent: a
-- replayed alert adds nothing) rather than counts. RESOLVED records are not new alerts.
CREATE TABLE IF NOT EXISTS ${database}.alerts_daily (
    day Date,
    kind String,
    severity String,
    alerts AggregateFunction(uniqExact, String),
    vehicles AggregateFunction(uniqExact, String)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (day, kind, severity);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.alerts_daily_mv TO ${database}.alerts_daily AS
SELECT
    toDate(event_time) AS day,
    kind,
    severity,
    uniqExactState(alert_id) AS alerts,
    uniqExactState(vin) AS vehicles
FROM ${database}.alerts
WHERE state != 'RESOLVED'
GROUP BY day, kind, severity;
