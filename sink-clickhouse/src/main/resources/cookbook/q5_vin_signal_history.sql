-- Q5. The raw signal history of one vehicle over a time range (a workshop diagnosing a car).
--
-- Every sample of {vin:String} from {from:DateTime} (inclusive) to {to:DateTime} (exclusive), in
-- the vehicle's time order, each exactly once (FINAL folds resent and replayed samples). The
-- sort key (vin, ts, seq) makes this read only that vehicle's rows in that range. Signals the
-- sample did not carry are NULL; paths without a column are in other_signal_names/_values.
SELECT *
FROM pitwall.telemetry FINAL
WHERE vin = {vin:String}
  AND ts >= {from:DateTime} AND ts < {to:DateTime}
ORDER BY ts_ms, seq;
