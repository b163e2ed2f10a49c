-- Q3b. The time from an alert to the owner's offer, by alert kind.
--
-- For every alert episode opened in [{from:DateTime}, {to:DateTime}): when it opened (its first
-- record) and when the first offer triggered by it was SENT. Episodes without a sent offer count
-- in alerts but not in the times; a kind none of whose episodes got one shows nan times (maxIf
-- alone would say 0 minutes there, which reads as "offered at once").
SELECT
    kind,
    count() AS alerts,
    countIf(first_offer_ms > 0) AS alerts_with_offer,
    round(avgIf(minutes, first_offer_ms > 0), 1) AS avg_minutes,
    round(quantileIf(0.5)(minutes, first_offer_ms > 0), 1) AS median_minutes,
    round(quantileIf(0.9)(minutes, first_offer_ms > 0), 1) AS p90_minutes,
    round(if(alerts_with_offer = 0, nan, maxIf(minutes, first_offer_ms > 0)), 1) AS max_minutes
FROM
(
    SELECT
        alert_id,
        kind,
        first_offer_ms,
        (toInt64(first_offer_ms) - toInt64(opened_ms)) / 60000 AS minutes
    FROM
    (
        SELECT alert_id, any(kind) AS kind, min(event_time_ms) AS opened_ms
        FROM pitwall.alerts FINAL
        GROUP BY alert_id
        HAVING opened_ms >= toUInt64(toUnixTimestamp({from:DateTime})) * 1000
           AND opened_ms < toUInt64(toUnixTimestamp({to:DateTime})) * 1000
    )
    ANY LEFT JOIN
    (
        SELECT trigger_id AS alert_id, min(decided_at_ms) AS first_offer_ms
        FROM pitwall.offers FINAL
        WHERE trigger_type = 'ALERT' AND decision = 'SENT'
        GROUP BY alert_id
    ) USING alert_id
)
GROUP BY kind
ORDER BY kind;
