-- Q1. Which vehicles need brake pads within 30 days or 1,000 km, grouped by preferred workshop?
--
-- Takes the newest health prediction of every vehicle (the whole row, even where a field is NULL),
-- keeps the vehicles with an axle due within {days:UInt32} days or {km:UInt32} km, and lists them
-- per preferred workshop, most urgent first. Vehicles whose owner has no workshop on file are
-- listed under an empty workshop id. A vehicle whose pads were replaced (a SERVICE_DONE event with a
-- BRAKE_PADS item) after its newest prediction is left out: the work is done, and the next
-- prediction, once it drives again, will say where the new pads stand.
SELECT
    preferred_workshop_id AS workshop_id,
    any(preferred_workshop_name) AS workshop,
    count() AS vehicles_due,
    arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((days_left, vin)))) AS vins,
    arrayMap(x -> tupleElement(x, 2), arraySort(groupArray((days_left, owner_id)))) AS owner_ids,
    round(min(days_left), 1) AS soonest_days,
    round(min(km_left), 0) AS soonest_km
FROM
(
    SELECT
        vin,
        tupleElement(latest, 1) AS front_km,
        tupleElement(latest, 2) AS front_days,
        tupleElement(latest, 3) AS rear_km,
        tupleElement(latest, 4) AS rear_days,
        least(ifNull(front_days, 1e9), ifNull(rear_days, 1e9)) AS days_left,
        least(ifNull(front_km, 1e9), ifNull(rear_km, 1e9)) AS km_left
    FROM
    (
        SELECT
            vin,
            argMax((front_pad_km_to_threshold, front_pad_days_to_threshold,
                    rear_pad_km_to_threshold, rear_pad_days_to_threshold), as_of_ms) AS latest,
            max(as_of_ms) AS latest_ms
        FROM pitwall.health_predictions FINAL
        GROUP BY vin
    )
    ANY LEFT JOIN
    (
        SELECT vin, max(ts_ms) AS pads_serviced_ms
        FROM pitwall.vehicle_events FINAL
        WHERE type = 'SERVICE_DONE' AND (has(service_items, 'BRAKE_PADS_FRONT') OR has(service_items, 'BRAKE_PADS_REAR'))
        GROUP BY vin
    ) USING vin
    WHERE (days_left <= {days:UInt32} OR km_left <= {km:UInt32}) AND pads_serviced_ms <= latest_ms
)
ANY LEFT JOIN
(
    SELECT vin, owner_id, preferred_workshop_id, preferred_workshop_name
    FROM pitwall.vehicle_owners
) USING vin
GROUP BY workshop_id
ORDER BY soonest_days, workshop_id;
