package io.pitwall.sink.clickhouse.sink;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a {@link ClickHouseSink} batches, overlaps and retries its INSERTs. A batch is sent when any
 * of its three limits is reached; checkpoints also flush and wait for every INSERT in flight, so a
 * batch never outlives a checkpoint (at-least-once).
 *
 * @param maxBatchRows       rows per INSERT; ClickHouse prefers few large inserts (default 50,000)
 * @param maxBatchBytes      encoded bytes per INSERT (default 16 MiB)
 * @param maxBatchDelay      longest a row waits in the buffer (default 1 s)
 * @param maxRetryTime       how long a failing INSERT is retried before the job fails (default 5 min,
 *                           long enough to ride out a ClickHouse restart)
 * @param initialBackoff     first pause between retries; doubles up to 10 s (default 200 ms)
 * @param maxInFlightInserts INSERTs of one writer running at once; when all are busy, the writer
 *                           blocks and so back-pressures the job (default 2)
 * @param deadLetterTable    table (in the settings' database) that receives rows the server cannot
 *                           parse, isolated by splitting the failing batch; null makes such rows
 *                           fail the job instead (default {@code dead_letters}, created by V009)
 */
public record ClickHouseSinkOptions(int maxBatchRows, long maxBatchBytes, Duration maxBatchDelay,
                                    Duration maxRetryTime, Duration initialBackoff, int maxInFlightInserts,
                                    String deadLetterTable) implements Serializable {

    public static final String DEFAULT_DEAD_LETTER_TABLE = "dead_letters";

    public static final ClickHouseSinkOptions DEFAULTS = new ClickHouseSinkOptions(
            50_000, 16L << 20, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMillis(200), 2,
            DEFAULT_DEAD_LETTER_TABLE);

    public ClickHouseSinkOptions {
        require(maxBatchRows > 0, "maxBatchRows must be positive, was " + maxBatchRows);
        require(maxBatchBytes > 0, "maxBatchBytes must be positive, was " + maxBatchBytes);
        require(!maxBatchDelay.isNegative() && !maxBatchDelay.isZero(), "maxBatchDelay must be positive");
        require(!maxRetryTime.isNegative(), "maxRetryTime must not be negative");
        require(!initialBackoff.isNegative() && !initialBackoff.isZero(), "initialBackoff must be positive");
        require(maxInFlightInserts >= 1 && maxInFlightInserts <= 64,
                "maxInFlightInserts must be between 1 and 64, was " + maxInFlightInserts);
        require(deadLetterTable == null || deadLetterTable.matches("[A-Za-z_][A-Za-z0-9_]*"),
                "deadLetterTable must be a plain table name or null (no dead-lettering), was '" + deadLetterTable + "'");
    }

    /** The options of the first version: one INSERT in flight, dead letters to {@code dead_letters}. */
    public ClickHouseSinkOptions(int maxBatchRows, long maxBatchBytes, Duration maxBatchDelay, Duration maxRetryTime,
                                 Duration initialBackoff) {
        this(maxBatchRows, maxBatchBytes, maxBatchDelay, maxRetryTime, initialBackoff, 1, DEFAULT_DEAD_LETTER_TABLE);
    }

    public ClickHouseSinkOptions withMaxBatchDelay(Duration delay) {
        return new ClickHouseSinkOptions(maxBatchRows, maxBatchBytes, delay, maxRetryTime, initialBackoff,
                maxInFlightInserts, deadLetterTable);
    }

    public ClickHouseSinkOptions withMaxBatchRows(int rows) {
        return new ClickHouseSinkOptions(rows, maxBatchBytes, maxBatchDelay, maxRetryTime, initialBackoff,
                maxInFlightInserts, deadLetterTable);
    }

    public ClickHouseSinkOptions withMaxBatchBytes(long bytes) {
        return new ClickHouseSinkOptions(maxBatchRows, bytes, maxBatchDelay, maxRetryTime, initialBackoff,
                maxInFlightInserts, deadLetterTable);
    }

    public ClickHouseSinkOptions withMaxRetryTime(Duration time) {
        return new ClickHouseSinkOptions(maxBatchRows, maxBatchBytes, maxBatchDelay, time, initialBackoff,
                maxInFlightInserts, deadLetterTable);
    }

    public ClickHouseSinkOptions withInitialBackoff(Duration backoff) {
        return new ClickHouseSinkOptions(maxBatchRows, maxBatchBytes, maxBatchDelay, maxRetryTime, backoff,
                maxInFlightInserts, deadLetterTable);
    }

    public ClickHouseSinkOptions withMaxInFlightInserts(int inFlight) {
        return new ClickHouseSinkOptions(maxBatchRows, maxBatchBytes, maxBatchDelay, maxRetryTime, initialBackoff,
                inFlight, deadLetterTable);
    }

    /** Where unparseable rows go; null to fail the job on them instead. */
    public ClickHouseSinkOptions withDeadLetterTable(String table) {
        return new ClickHouseSinkOptions(maxBatchRows, maxBatchBytes, maxBatchDelay, maxRetryTime, initialBackoff,
                maxInFlightInserts, table);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
