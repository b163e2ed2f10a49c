-- The owner facts analysts group by (preferred workshop, value, visits), from owner.profiles.
-- No personal data: the CRM profile carries no name, phone or WeCom id, and the service advisor's
-- name is not copied either. The newest profile per owner wins (updated_at_ms).
CREATE TABLE IF NOT EXISTS ${database}.owners (
    owner_id String,
    vins Array(String),
    lifetime_value_cny Float64,
    visits_last_12_months UInt16,
    last_visit_at_ms Nullable(UInt64),
    last_interaction_at_ms Nullable(UInt64),
    marketing_consent Array(String),
    preferred_workshop_id String,
    preferred_workshop_name String,
    updated_at_ms UInt64
) ENGINE = ReplacingMergeTree(updated_at_ms)
ORDER BY (owner_id);

-- One row per vehicle with its owner and preferred workshop, deduplicated.
CREATE VIEW IF NOT EXISTS ${database}.vehicle_owners AS
SELECT
    arrayJoin(vins) AS vin,
    owner_id,
    preferred_workshop_id,
    preferred_workshop_name
FROM ${database}.owners FINAL;
