-- What happened to each offer after it was sent. A channel resending the same reply reuses the
-- event id, so (offer_id, event_id) identifies an event and its copies fold.
CREATE TABLE IF NOT EXISTS ${database}.offer_events (
    event_id String,
    offer_id String,
    owner_id String,
    type String,
    at DateTime,
    at_ms UInt64,
    channel String,
    attribute_names Array(String),
    attribute_values Array(String)
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (offer_id, event_id);
