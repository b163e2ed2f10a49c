package io.pitwall.sink.clickhouse.sink.internal;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.function.Supplier;

/**
 * The writer's metrics, registered in its Flink metric group. INSERTs finish on the writer's own
 * threads, so the counters are thread-safe ones and the histogram is guarded.
 */
final class SinkMetrics {

    final Counter rowsWritten = new ThreadSafeSimpleCounter();
    final Counter batchesWritten = new ThreadSafeSimpleCounter();
    final Counter retries = new ThreadSafeSimpleCounter();
    final Counter failures = new ThreadSafeSimpleCounter();
    final Counter deadLettered = new ThreadSafeSimpleCounter();
    final Histogram insertLatencyMillis = new GuardedHistogram(new DescriptiveStatisticsHistogram(1024));

    SinkMetrics(MetricGroup group, Supplier<Integer> inFlight) {
        group.counter("clickhouseRowsWritten", rowsWritten);
        group.counter("clickhouseBatchesWritten", batchesWritten);
        group.counter("clickhouseInsertRetries", retries);
        group.counter("clickhouseInsertFailures", failures);
        group.counter("clickhouseRowsDeadLettered", deadLettered);
        group.histogram("clickhouseInsertLatencyMillis", insertLatencyMillis);
        group.gauge("clickhouseInsertsInFlight", inFlight::get);
    }

    private static final class GuardedHistogram implements Histogram {
        private final Histogram delegate;

        GuardedHistogram(Histogram delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized void update(long value) {
            delegate.update(value);
        }

        @Override
        public synchronized long getCount() {
            return delegate.getCount();
        }

        @Override
        public synchronized HistogramStatistics getStatistics() {
            return delegate.getStatistics();
        }
    }
}
