package io.pitwall.sink.clickhouse.sink;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a {@link ClickHouseSink} batches and retries. A batch is sent when any of its three limits
 * is reached; checkpoints also flush, so a batch never outlives a checkpoint (at-least-once).
 *
 * @param maxBatchRows   rows per INSERT; ClickHouse prefers few large inserts (default 50,000)
 * @param maxBatchBytes  encoded bytes per INSERT (default 16 MiB)
 * @param maxBatchDelay  longest a row waits in the buffer (default 1 s)
 * @param maxRetryTime   how long a failing INSERT is retried before the job fails (default 5 min,
 *                       long enough to ride out a ClickHouse restart)
 * @param initialBackoff first pause between retries; doubles up to 10 s (default 200 ms)
 */
public record ClickHouseSinkOptions(int maxBatchRows, long maxBatchBytes, Duration maxBatchDelay,
                                    Duration maxRetryTime, Duration initialBackoff) implements Serializable {

    public static final ClickHouseSinkOptions DEFAULTS = new ClickHouseSinkOptions(
            50_000, 16L << 20, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMillis(200));

    public ClickHouseSinkOptions {
        require(maxBatchRows > 0, "maxBatchRows must be positive, was " + maxBatchRows);
        require(maxBatchBytes > 0, "maxBatchBytes must be positive, was " + maxBatchBytes);
        require(!maxBatchDelay.isNegative() && !maxBatchDelay.isZero(), "maxBatchDelay must be positive");
        require(!maxRetryTime.isNegative(), "maxRetryTime must not be negative");
        require(!initialBackoff.isNegative() && !initialBackoff.isZero(), "initialBackoff must be positive");
    }

    public ClickHouseSinkOptions withMaxBatchDelay(Duration delay) {
        return new ClickHouseSinkOptions(maxBatchRows, maxBatchBytes, delay, maxRetryTime, initialBackoff);
    }

    public ClickHouseSinkOptions withMaxBatchRows(int rows) {
        return new ClickHouseSinkOptions(rows, maxBatchBytes, maxBatchDelay, maxRetryTime, initialBackoff);
    }

    public ClickHouseSinkOptions withMaxRetryTime(Duration time) {
        return new ClickHouseSinkOptions(maxBatchRows, maxBatchBytes, maxBatchDelay, time, initialBackoff);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
