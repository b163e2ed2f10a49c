package io.pitwall.sink.clickhouse.sink.internal;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import io.pitwall.sink.clickhouse.sink.RowEncoder;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Buffers encoded rows and sends them as one INSERT when the batch is full by rows or bytes, when
 * its oldest row has waited long enough, or when Flink asks for a flush (checkpoint or end of
 * input). One INSERT is in flight at a time per writer and a flush waits for it, so a checkpoint
 * completes only once ClickHouse has the rows.
 */
public final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final ClickHouseSettings settings;
    private final String qualifiedTable;
    private final ClickHouseFormat format;
    private final RowEncoder<T> encoder;
    private final ClickHouseSinkOptions options;
    private final ProcessingTimeService timeService;
    private final Client client;
    private final ExposedByteArrayOutputStream buffer = new ExposedByteArrayOutputStream(64 * 1024);

    private final Counter rowsWritten;
    private final Counter batchesWritten;
    private final Counter retries;
    private final Counter failures;
    private volatile long lastInsertMillis;

    private int bufferedRows;
    private long oldestBufferedAt = -1;

    public ClickHouseSinkWriter(ClickHouseSettings settings, String qualifiedTable, ClickHouseFormat format,
                                RowEncoder<T> encoder, ClickHouseSinkOptions options,
                                ProcessingTimeService timeService, SinkWriterMetricGroup metrics) {
        this.settings = settings;
        this.qualifiedTable = qualifiedTable;
        this.format = format;
        this.encoder = encoder;
        this.options = options;
        this.timeService = timeService;
        this.client = settings.newClient();
        this.rowsWritten = metrics.counter("clickhouseRowsWritten");
        this.batchesWritten = metrics.counter("clickhouseBatchesWritten");
        this.retries = metrics.counter("clickhouseInsertRetries");
        this.failures = metrics.counter("clickhouseInsertFailures");
        metrics.gauge("clickhouseLastInsertMillis", () -> lastInsertMillis);
        scheduleDelayCheck();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        if (bufferedRows == 0) {
            oldestBufferedAt = timeService.getCurrentProcessingTime();
        }
        bufferedRows += encoder.encode(element, buffer);
        if (bufferedRows >= options.maxBatchRows() || buffer.size() >= options.maxBatchBytes()) {
            sendBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        sendBuffer();
    }

    @Override
    public void close() {
        client.close();
    }

    /** Timers run in the task's mailbox thread, so they never race with {@link #write}. */
    private void scheduleDelayCheck() {
        long delay = options.maxBatchDelay().toMillis();
        timeService.registerTimer(timeService.getCurrentProcessingTime() + Math.max(10, delay / 4), now -> {
            if (bufferedRows > 0 && now - oldestBufferedAt >= delay) {
                sendBuffer();
            }
            scheduleDelayCheck();
        });
    }

    private void sendBuffer() throws IOException, InterruptedException {
        if (bufferedRows == 0) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + options.maxRetryTime().toNanos();
        long backoff = options.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                insertOnce();
                break;
            } catch (IOException e) {
                if (!InsertFailures.isTransient(e) || System.nanoTime() + backoff * 1_000_000 > deadline) {
                    failures.inc();
                    throw new IOException("INSERT of " + bufferedRows + " rows into " + qualifiedTable
                            + " failed after " + attempt + " attempt(s): " + e.getMessage(), e);
                }
                retries.inc();
                LOG.warn("INSERT into {} failed (attempt {}), retrying in {} ms: {}",
                        qualifiedTable, attempt, backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
        lastInsertMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        rowsWritten.inc(bufferedRows);
        batchesWritten.inc();
        buffer.reset();
        bufferedRows = 0;
    }

    private void insertOnce() throws IOException, InterruptedException {
        ByteArrayInputStream body = new ByteArrayInputStream(buffer.array(), 0, buffer.size());
        try (InsertResponse ignored = client.insert(qualifiedTable, encoder.columns(), body, format,
                new com.clickhouse.client.api.insert.InsertSettings())
                .get(settings.insertTimeoutSeconds(), TimeUnit.SECONDS)) {
            // Nothing to read: the INSERT has committed once the response arrives.
        } catch (ExecutionException e) {
            throw new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no answer within " + settings.insertTimeoutSeconds() + " s", e);
        } catch (RuntimeException e) {
            throw new IOException(String.valueOf(e.getMessage()), e);
        }
    }
}
