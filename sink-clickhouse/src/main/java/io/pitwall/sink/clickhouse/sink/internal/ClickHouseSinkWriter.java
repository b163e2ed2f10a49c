package io.pitwall.sink.clickhouse.sink.internal;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import io.pitwall.sink.clickhouse.sink.RowBuffer;
import io.pitwall.sink.clickhouse.sink.RowEncoder;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.MetricGroup;

import java.io.IOException;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Buffers encoded rows and hands them to an INSERT when the batch is full by rows or bytes, when
 * its oldest row has waited long enough, or when Flink asks for a flush (checkpoint or end of
 * input). Up to {@code maxInFlightInserts} INSERTs run at once on the writer's own threads; when
 * all are busy the writer blocks, which back-pressures the job. A flush sends the buffer and waits
 * for every INSERT in flight, so a checkpoint completes only once ClickHouse has all its rows. The
 * first failure of any INSERT is rethrown by the next write or flush, and fails the job.
 */
public final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

    private final RowEncoder<T> encoder;
    private final ClickHouseSinkOptions options;
    private final ProcessingTimeService timeService;
    private final Client client;
    private final BatchInserter inserter;
    private final SinkMetrics metrics;
    private final ExecutorService inserts;
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Buffers of finished INSERTs, reused so that large batches do not churn the heap. */
    private final Queue<RowBuffer> spareBuffers = new ConcurrentLinkedQueue<>();
    private RowBuffer buffer = new RowBuffer(64 * 1024);
    private int[] offsets = new int[1024];
    private int[] rowsBefore = new int[1024];
    private int bufferedElements;
    private int bufferedRows;
    private long oldestBufferedAt = -1;

    public ClickHouseSinkWriter(ClickHouseSettings settings, String table, ClickHouseFormat format,
                                RowEncoder<T> encoder, ClickHouseSinkOptions options,
                                ProcessingTimeService timeService, MetricGroup metricGroup) {
        this.encoder = encoder;
        this.options = options;
        this.timeService = timeService;
        this.client = settings.newClient();
        this.metrics = new SinkMetrics(metricGroup, inFlight::get);
        this.inserter = new BatchInserter(client, settings.database(), table, encoder.columns(), format, options,
                settings.insertTimeoutSeconds(), metrics);
        this.slots = new Semaphore(options.maxInFlightInserts());
        AtomicInteger threadNumber = new AtomicInteger();
        this.inserts = Executors.newFixedThreadPool(options.maxInFlightInserts(), r -> {
            Thread t = new Thread(r, "clickhouse-insert-" + table + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduleDelayCheck();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        rethrowFailure();
        if (bufferedElements == 0) {
            oldestBufferedAt = timeService.getCurrentProcessingTime();
        }
        if (bufferedElements + 1 >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            rowsBefore = Arrays.copyOf(rowsBefore, rowsBefore.length * 2);
        }
        offsets[bufferedElements] = buffer.size();
        rowsBefore[bufferedElements] = bufferedRows;
        bufferedRows += encoder.encode(element, buffer);
        bufferedElements++;
        if (bufferedRows >= options.maxBatchRows() || buffer.size() >= options.maxBatchBytes()) {
            sendBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        sendBuffer();
        awaitInFlight();
        rethrowFailure();
    }

    @Override
    public void close() throws Exception {
        inserts.shutdownNow();
        client.close();
    }

    /** Timers run in the task's mailbox thread, so they never race with {@link #write}. */
    private void scheduleDelayCheck() {
        long delay = options.maxBatchDelay().toMillis();
        timeService.registerTimer(timeService.getCurrentProcessingTime() + Math.max(10, delay / 4), now -> {
            if (bufferedElements > 0 && now - oldestBufferedAt >= delay) {
                rethrowFailure();
                sendBuffer();
            }
            scheduleDelayCheck();
        });
    }

    private void sendBuffer() throws InterruptedException {
        if (bufferedElements == 0) {
            return;
        }
        offsets[bufferedElements] = buffer.size();
        rowsBefore[bufferedElements] = bufferedRows;
        Batch batch = new Batch(buffer.array(), Arrays.copyOf(offsets, bufferedElements + 1),
                Arrays.copyOf(rowsBefore, bufferedElements + 1), bufferedElements);
        RowBuffer sent = buffer;
        RowBuffer spare = spareBuffers.poll();
        buffer = spare != null ? spare : new RowBuffer((int) Math.min(options.maxBatchBytes() + (64 << 10),
                Math.max(64 << 10, sent.size() + (sent.size() >> 3))));
        bufferedElements = 0;
        bufferedRows = 0;

        slots.acquire();
        inFlight.incrementAndGet();
        try {
            inserts.execute(() -> {
                try {
                    inserter.deliver(batch);
                    sent.reset();
                    spareBuffers.offer(sent);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    inFlight.decrementAndGet();
                    slots.release();
                }
            });
        } catch (RuntimeException rejected) {
            inFlight.decrementAndGet();
            slots.release();
            throw rejected;
        }
    }

    private void awaitInFlight() throws InterruptedException {
        slots.acquire(options.maxInFlightInserts());
        slots.release(options.maxInFlightInserts());
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof IOException io ? new IOException(io.getMessage(), io) : new IOException(t);
        }
    }

    /** For tests: the writer's counters. */
    SinkMetrics metrics() {
        return metrics;
    }
}
