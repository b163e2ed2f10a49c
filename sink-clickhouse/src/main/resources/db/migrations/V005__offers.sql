-- Every decision the offer policy made, including the offers it held, suppressed or blocked, so an
-- audit can reconstruct each contact. A HELD offer that is later SENT keeps both rows: the key is
-- (offer_id, decision). A replay of the same decision folds into one row (the latest decided_at
-- wins). Partitioned by the trigger time, which a replay reproduces exactly, so copies of one
-- decision always land in the same partition and can fold.
-- Deliberately absent: the rendered title and body and the booking URL, which may carry the
-- owner's name or a personal link. The template id and locale say what was sent.
CREATE TABLE IF NOT EXISTS ${database}.offers (
    offer_id String,
    decision String,
    owner_id String,
    vin String,
    recommendation String,
    decision_reason String,
    channel String,
    tier String,
    lifecycle String,
    experiment String,
    variant String,
    template_id String,
    locale String,
    trigger_type String,
    trigger_id String,
    trigger_time DateTime,
    trigger_time_ms UInt64,
    decided_at DateTime,
    decided_at_ms UInt64,
    send_at_ms Nullable(UInt64)
) ENGINE = ReplacingMergeTree(decided_at_ms)
PARTITION BY toYYYYMM(trigger_time)
ORDER BY (offer_id, decision);
