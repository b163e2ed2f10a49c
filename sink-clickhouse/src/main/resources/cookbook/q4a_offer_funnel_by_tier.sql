-- Q4a. The offer funnel by owner tier: sent -> delivered -> opened -> booked -> serviced.
--
-- Every offer SENT in [{from:DateTime}, {to:DateTime}) with the furthest step the owner reached
-- (a click counts as opened; a booking reached without an 'opened' reply still counts as opened).
-- Tier is the owner's tier when the offer was decided. Rates are percentages of the step before,
-- except booking_conversion_pct, which is booked / sent.
SELECT
    tier,
    count() AS sent,
    countIf(stage >= 1) AS delivered,
    countIf(stage >= 2) AS opened,
    countIf(stage >= 3) AS booked,
    countIf(stage >= 4) AS serviced,
    round(delivered / nullIf(sent, 0) * 100, 1) AS delivery_rate_pct,
    round(opened / nullIf(delivered, 0) * 100, 1) AS open_rate_pct,
    round(booked / nullIf(opened, 0) * 100, 1) AS booking_rate_pct,
    round(serviced / nullIf(booked, 0) * 100, 1) AS service_rate_pct,
    round(booked / nullIf(sent, 0) * 100, 1) AS booking_conversion_pct
FROM
(
    SELECT offer_id, any(tier) AS tier
    FROM pitwall.offers FINAL
    WHERE decision = 'SENT' AND decided_at >= {from:DateTime} AND decided_at < {to:DateTime}
    GROUP BY offer_id
)
ANY LEFT JOIN
(
    SELECT offer_id,
           max(multiIf(type = 'SERVICED', 4, type = 'BOOKED', 3, type IN ('OPENED', 'CLICKED'), 2,
                       type = 'DELIVERED', 1, 0)) AS stage
    FROM pitwall.offer_events FINAL
    GROUP BY offer_id
) USING offer_id
GROUP BY tier
ORDER BY tier;
