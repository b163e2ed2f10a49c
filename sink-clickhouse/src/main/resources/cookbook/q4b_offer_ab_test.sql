-- Q4b. The offer funnel by A/B variant, the lift between variants, and whether it is significant.
--
-- For each experiment with offers SENT in [{from:DateTime}, {to:DateTime}): the funnel of every
-- variant and its booking conversion (booked / sent), compared with the experiment's control,
-- the variant whose name sorts first (e.g. 'A' or 'control').
--
-- Significance is a two-proportion z-test on booking conversion:
--   pooled = (booked + booked_control) / (sent + sent_control)
--   z      = (rate - rate_control) / sqrt(pooled * (1 - pooled) * (1 / sent + 1 / sent_control))
--   p      = erfc(|z| / sqrt(2))                       (two-sided)
-- and the lift is significant when p < {alpha:Float64} (0.05 is usual). ClickHouse 18.16 has no
-- window functions, so the control's figures reach each variant's row through an array: the
-- variants of an experiment are collected with groupArray, sorted, and the first one is the
-- control; ARRAY JOIN then unfolds one row per variant beside it.
SELECT
    experiment,
    tupleElement(v, 1) AS variant,
    tupleElement(v, 2) AS sent,
    tupleElement(v, 3) AS delivered,
    tupleElement(v, 4) AS opened,
    tupleElement(v, 5) AS booked,
    tupleElement(v, 6) AS serviced,
    round(booked / sent * 100, 2) AS booking_conversion_pct,
    tupleElement(control, 1) AS control_variant,
    round(tupleElement(control, 5) / tupleElement(control, 2) * 100, 2) AS control_conversion_pct,
    round((booked / sent - tupleElement(control, 5) / tupleElement(control, 2)) * 100, 2) AS lift_points,
    round((booked / sent) / nullIf(tupleElement(control, 5) / tupleElement(control, 2), 0) * 100 - 100, 1)
        AS relative_lift_pct,
    (booked + tupleElement(control, 5)) / (sent + tupleElement(control, 2)) AS pooled,
    round((booked / sent - tupleElement(control, 5) / tupleElement(control, 2))
          / sqrt(pooled * (1 - pooled) * (1 / sent + 1 / tupleElement(control, 2))), 3) AS z,
    round(erfc(abs(z) / sqrt(2)), 4) AS p_value,
    variant != control_variant AND p_value < {alpha:Float64} AS significant
FROM
(
    SELECT
        experiment,
        arraySort(groupArray((variant, sent, delivered, opened, booked, serviced))) AS variants,
        variants[1] AS control
    FROM
    (
        SELECT
            experiment,
            variant,
            count() AS sent,
            countIf(stage >= 1) AS delivered,
            countIf(stage >= 2) AS opened,
            countIf(stage >= 3) AS booked,
            countIf(stage >= 4) AS serviced
        FROM
        (
            SELECT offer_id, any(experiment) AS experiment, any(variant) AS variant
            FROM pitwall.offers FINAL
            WHERE decision = 'SENT' AND decided_at >= {from:DateTime} AND decided_at < {to:DateTime}
            GROUP BY offer_id
            HAVING experiment != ''
        )
        ANY LEFT JOIN
        (
            SELECT offer_id,
                   max(multiIf(type = 'SERVICED', 4, type = 'BOOKED', 3, type IN ('OPENED', 'CLICKED'), 2,
                               type = 'DELIVERED', 1, 0)) AS stage
            FROM pitwall.offer_events FINAL
            GROUP BY offer_id
        ) USING offer_id
        GROUP BY experiment, variant
    )
    GROUP BY experiment
    HAVING length(variants) >= 2
)
ARRAY JOIN variants AS v
ORDER BY experiment, variant;
