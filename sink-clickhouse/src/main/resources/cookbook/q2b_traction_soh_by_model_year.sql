-- Q2b. The fleet's traction batteries: state-of-health distribution by model year.
--
-- The newest known SoH of every electrified vehicle, grouped by the model year encoded in the
-- 10th character of the VIN (ISO 3779 / GB 16735: A = 2010 ... Y = 2030, 1-9 = 2001-2009;
-- 0 = not decodable), with the spread and the count in each SoH band.
SELECT
    transform(substring(vin, 10, 1),
        ['1', '2', '3', '4', '5', '6', '7', '8', '9',
         'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'V', 'W', 'X', 'Y'],
        [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009,
         2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
         2027, 2028, 2029, 2030], 0) AS model_year,
    count() AS vehicles,
    round(avg(soh), 1) AS avg_soh_pct,
    round(min(soh), 1) AS min_soh_pct,
    round(quantile(0.1)(soh), 1) AS p10_soh_pct,
    round(quantile(0.5)(soh), 1) AS median_soh_pct,
    countIf(soh >= 95) AS soh_95_plus,
    countIf(soh >= 90 AND soh < 95) AS soh_90_95,
    countIf(soh >= 80 AND soh < 90) AS soh_80_90,
    countIf(soh >= 70 AND soh < 80) AS soh_70_80,
    countIf(soh < 70) AS soh_below_70
FROM
(
    SELECT vin, assumeNotNull(argMax(hv_battery_soh_pct, as_of_ms)) AS soh
    FROM pitwall.health_predictions FINAL
    WHERE hv_battery_soh_pct IS NOT NULL
    GROUP BY vin
)
GROUP BY model_year
ORDER BY model_year;
