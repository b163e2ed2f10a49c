package io.pitwall.sink.clickhouse.sink.internal;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static com.clickhouse.data.format.BinaryStreamUtils.writeInt32;
import static com.clickhouse.data.format.BinaryStreamUtils.writeString;
import static com.clickhouse.data.format.BinaryStreamUtils.writeUnsignedInt32;
import static com.clickhouse.data.format.BinaryStreamUtils.writeVarInt;

/**
 * Delivers one {@link Batch}: retries transient failures with exponential backoff; when the server
 * cannot parse the data, splits the batch in halves until the rows it refuses stand alone and
 * writes each of those to the dead-letter table; anything else fails loudly. Retrying or splitting
 * may send some rows twice (a refused INSERT can have written the blocks before the bad row); the
 * tables fold such copies.
 */
final class BatchInserter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchInserter.class);
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final List<String> DEAD_LETTER_COLUMNS = List.of(
            "failed_at", "target_table", "format", "columns", "error_code", "error_message", "row_bytes");

    private final Client client;
    private final String qualifiedTable;
    private final List<String> columns;
    private final ClickHouseFormat format;
    private final ClickHouseSinkOptions options;
    private final String qualifiedDeadLetterTable;
    private final long insertTimeoutSeconds;
    private final SinkMetrics metrics;

    BatchInserter(Client client, String database, String table, List<String> columns, ClickHouseFormat format,
                  ClickHouseSinkOptions options, long insertTimeoutSeconds, SinkMetrics metrics) {
        this.client = client;
        this.qualifiedTable = database + "." + table;
        this.columns = columns;
        this.format = format;
        this.options = options;
        this.qualifiedDeadLetterTable = options.deadLetterTable() == null ? null
                : database + "." + options.deadLetterTable();
        this.insertTimeoutSeconds = insertTimeoutSeconds;
        this.metrics = metrics;
    }

    void deliver(Batch batch) throws IOException, InterruptedException {
        int deadLettered = deliver(batch, 0, batch.elements());
        if (deadLettered > 0 && deadLettered == batch.elements() && batch.elements() > 1) {
            // Every row refused is a table that does not match the encoder, not a few bad rows.
            metrics.failures.inc();
            throw new IOException("ClickHouse refused every one of the " + batch.elements() + " rows sent to "
                    + qualifiedTable + " (all now in " + qualifiedDeadLetterTable + "); does the table match "
                    + "the encoder's columns " + columns + "?");
        }
    }

    /** Inserts elements [from, to); returns how many it dead-lettered. */
    private int deliver(Batch batch, int from, int to) throws IOException, InterruptedException {
        try {
            insertWithRetry(qualifiedTable, columns, format, batch.bytes(), batch.offset(from),
                    batch.offset(to) - batch.offset(from));
            metrics.rowsWritten.inc(batch.rows(from, to));
            metrics.batchesWritten.inc();
            return 0;
        } catch (CorruptRowsException e) {
            if (qualifiedDeadLetterTable == null) {
                metrics.failures.inc();
                throw new IOException("ClickHouse could not parse rows sent to " + qualifiedTable
                        + " and the sink has no dead-letter table: " + e.getMessage(), e.getCause());
            }
            if (to - from == 1) {
                deadLetter(batch, from, e);
                return 1;
            }
            int middle = (from + to) >>> 1;
            return deliver(batch, from, middle) + deliver(batch, middle, to);
        }
    }

    private void deadLetter(Batch batch, int element, CorruptRowsException e) throws IOException, InterruptedException {
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        writeUnsignedInt32(row, System.currentTimeMillis() / 1000);
        writeString(row, qualifiedTable);
        writeString(row, format.name());
        writeVarInt(row, columns.size());
        for (String column : columns) {
            writeString(row, column);
        }
        writeInt32(row, e.code);
        writeString(row, String.valueOf(e.getMessage()));
        byte[] rowBytes = batch.elementBytes(element);
        writeVarInt(row, rowBytes.length);
        row.write(rowBytes);
        byte[] bytes = row.toByteArray();
        try {
            insertWithRetry(qualifiedDeadLetterTable, DEAD_LETTER_COLUMNS, ClickHouseFormat.RowBinary, bytes, 0,
                    bytes.length);
        } catch (CorruptRowsException again) {
            metrics.failures.inc();
            throw new IOException("Could not write a dead letter to " + qualifiedDeadLetterTable, again.getCause());
        }
        metrics.deadLettered.inc(batch.rows(element, element + 1));
        LOG.warn("ClickHouse could not parse a row for {} (code {}); it is in {}: {}",
                qualifiedTable, e.code, qualifiedDeadLetterTable, e.getMessage());
    }

    private void insertWithRetry(String table, List<String> cols, ClickHouseFormat fmt, byte[] bytes, int offset,
                                 int length) throws IOException, InterruptedException, CorruptRowsException {
        long deadline = System.nanoTime() + options.maxRetryTime().toNanos();
        long backoff = options.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            try {
                insertOnce(table, cols, fmt, new ByteArrayInputStream(bytes, offset, length));
                metrics.insertLatencyMillis.update(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return;
            } catch (IOException e) {
                InsertFailures.Kind kind = InsertFailures.classify(e);
                if (kind == InsertFailures.Kind.CORRUPT_ROWS) {
                    throw new CorruptRowsException(InsertFailures.serverCode(e), e);
                }
                if (kind == InsertFailures.Kind.FATAL || System.nanoTime() + backoff * 1_000_000 > deadline) {
                    metrics.failures.inc();
                    throw new IOException("INSERT of " + length + " bytes into " + table + " failed after " + attempt
                            + " attempt(s)" + (kind == InsertFailures.Kind.FATAL ? "" : " and "
                            + options.maxRetryTime().toSeconds() + " s of retries") + ": " + e.getMessage(), e);
                }
                metrics.retries.inc();
                LOG.warn("INSERT into {} failed (attempt {}), retrying in {} ms: {}", table, attempt, backoff,
                        e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private void insertOnce(String table, List<String> cols, ClickHouseFormat fmt, InputStream body)
            throws IOException, InterruptedException {
        try (InsertResponse ignored = client.insert(table, cols, body, fmt, new InsertSettings())
                .get(insertTimeoutSeconds, TimeUnit.SECONDS)) {
            // Nothing to read: the INSERT has committed once the response arrives.
        } catch (ExecutionException e) {
            throw new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + insertTimeoutSeconds + " s", e);
        } catch (RuntimeException e) {
            throw new IOException(String.valueOf(e.getMessage()), e);
        }
    }

    /** The server could not parse the rows sent; carries its error code. */
    private static final class CorruptRowsException extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        CorruptRowsException(int code, IOException cause) {
            super(firstLine(cause.getMessage()), cause);
            this.code = code;
        }

        private static String firstLine(String message) {
            String m = String.valueOf(message);
            int nl = m.indexOf('\n');
            String line = nl < 0 ? m : m.substring(0, nl);
            return line.length() > 1000 ? line.substring(0, 1000) : line;
        }
    }
}
