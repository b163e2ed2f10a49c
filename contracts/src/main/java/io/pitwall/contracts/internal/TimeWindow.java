package io.pitwall.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.RejectReason;
import java.time.Clock;
import java.time.Instant;

/**
 * The sample times accepted for one message: from the contract's earliest time to a little ahead
 * of the receiving clock. Fixed once per message, so all samples of a batch meet the same bound.
 */
public record TimeWindow(long earliest, long latest) {

    public static TimeWindow at(ContractLimits limits, Clock clock) {
        return new TimeWindow(limits.minTimestampMillis(), limits.latestTimestampAt(clock.millis()));
    }

    /** The {@code ts} value in epoch milliseconds, or {@link RejectReason#INVALID_TIMESTAMP}. */
    public long read(JsonNode value, FieldPath at) {
        if (value.isInt() || value.isLong()) {
            long ts = value.longValue();
            if (ts >= earliest && ts <= latest) {
                return ts;
            }
        }
        return Numbers.longIn(value, earliest, latest, at, RejectReason.INVALID_TIMESTAMP, rule());
    }

    private String rule() {
        return "ts must be whole epoch milliseconds (UTC) from " + Instant.ofEpochMilli(earliest) + " to "
                + Instant.ofEpochMilli(latest) + ", the receive time plus the allowed clock skew";
    }
}
