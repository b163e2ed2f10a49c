-- Q2a. The fleet's 12 V battery: which vehicles risk a no-start this week?
--
-- The newest 12 V estimate of each vehicle made in the week starting {week_start:DateTime}
-- (a Monday 00:00 UTC, e.g. toMonday(today())); a vehicle is listed when the estimate calls the
-- battery WEAK or REPLACE, or puts the no-start probability at {min_risk:Float64} or more.
SELECT
    vin,
    owner_id,
    preferred_workshop_name AS workshop,
    tupleElement(latest, 1) AS battery_state,
    round(tupleElement(latest, 2), 2) AS no_start_risk,
    round(tupleElement(latest, 3), 2) AS resting_voltage_v,
    estimated_at
FROM
(
    SELECT
        vin,
        argMax((lv_battery_state, lv_battery_no_start_risk, lv_battery_resting_voltage_v), as_of_ms) AS latest,
        max(as_of) AS estimated_at
    FROM pitwall.health_predictions FINAL
    WHERE as_of >= {week_start:DateTime} AND as_of < {week_start:DateTime} + 7 * 86400
      AND lv_battery_state != ''
    GROUP BY vin
)
ANY LEFT JOIN
(
    SELECT vin, owner_id, preferred_workshop_name
    FROM pitwall.vehicle_owners
) USING vin
WHERE battery_state IN ('WEAK', 'REPLACE') OR no_start_risk >= {min_risk:Float64}
ORDER BY no_start_risk DESC, vin;
