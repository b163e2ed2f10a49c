-- Q3a. Alerts per day by kind and severity.
--
-- Reads the alerts_daily rollup (kept by a materialized view). An alert episode counts once per
-- day and severity it was opened or escalated at; resolutions are not new alerts. The rollup
-- holds sets of alert ids, so replays and resends never inflate it.
SELECT
    day,
    kind,
    severity,
    uniqExactMerge(alerts) AS alerts,
    uniqExactMerge(vehicles) AS vehicles
FROM pitwall.alerts_daily
WHERE day >= {from:Date} AND day < {to:Date}
GROUP BY day, kind, severity
ORDER BY day, kind, severity;
