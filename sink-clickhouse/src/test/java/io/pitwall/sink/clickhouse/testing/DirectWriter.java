package io.pitwall.sink.clickhouse.testing;

import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import io.pitwall.sink.clickhouse.sink.RowEncoder;
import io.pitwall.sink.clickhouse.sink.internal.ClickHouseSinkWriter;
import com.clickhouse.data.ClickHouseFormat;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives the sink's writer without a Flink job, exactly as the sink would (write, then flush as at a
 * checkpoint): the quick way for table and cookbook tests to store rows as the pipeline does.
 */
public final class DirectWriter {

    private DirectWriter() {
    }

    public static <T> void write(ClickHouseSettings settings, String table, RowEncoder<T> encoder, List<T> rows)
            throws Exception {
        write(settings, table, encoder, rows, ClickHouseSinkOptions.DEFAULTS);
    }

    public static <T> void write(ClickHouseSettings settings, String table, RowEncoder<T> encoder, List<T> rows,
                                 ClickHouseSinkOptions options) throws Exception {
        try (ClickHouseSinkWriter<T> writer = open(settings, table, encoder, options)) {
            for (T row : rows) {
                writer.write(row, null);
            }
            writer.flush(true);
        }
    }

    public static <T> ClickHouseSinkWriter<T> open(ClickHouseSettings settings, String table, RowEncoder<T> encoder,
                                                   ClickHouseSinkOptions options) {
        return new ClickHouseSinkWriter<>(settings, table, ClickHouseFormat.RowBinary, encoder, options,
                new NeverFiringTime(), new UnregisteredMetricsGroup());
    }

    /** Time that never fires timers: batches go out when full or on flush, as the test decides. */
    private static final class NeverFiringTime implements ProcessingTimeService {
        @Override
        public long getCurrentProcessingTime() {
            return System.currentTimeMillis();
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
            return new Pending();
        }
    }

    private static final class Pending extends CompletableFuture<Object> implements ScheduledFuture<Object> {
        @Override
        public long getDelay(TimeUnit unit) {
            return Long.MAX_VALUE;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }
    }
}
