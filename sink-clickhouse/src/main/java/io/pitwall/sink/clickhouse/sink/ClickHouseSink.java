package io.pitwall.sink.clickhouse.sink;

import com.clickhouse.data.ClickHouseFormat;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.sink.internal.ClickHouseSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.Objects;

/**
 * A Flink sink that streams rows into one ClickHouse table in batches. At-least-once: every
 * checkpoint flushes the buffer and waits for every INSERT in flight, and the tables deduplicate what a replay
 * sends again.
 */
public final class ClickHouseSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final ClickHouseSettings settings;
    private final String table;
    private final ClickHouseFormat format;
    private final RowEncoder<T> encoder;
    private final ClickHouseSinkOptions options;

    private ClickHouseSink(Builder<T> builder) {
        this.settings = builder.settings;
        this.table = builder.table;
        this.format = builder.format;
        this.encoder = builder.encoder;
        this.options = builder.options;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseSinkWriter<>(settings, table, format, encoder, options,
                context.getProcessingTimeService(), context.metricGroup());
    }

    /** Builds a {@link ClickHouseSink}; {@link #build()} names whatever is missing. */
    public static final class Builder<T> {
        private ClickHouseSettings settings;
        private String table;
        private ClickHouseFormat format = ClickHouseFormat.RowBinary;
        private RowEncoder<T> encoder;
        private ClickHouseSinkOptions options = ClickHouseSinkOptions.DEFAULTS;

        public Builder<T> settings(ClickHouseSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The table name inside the settings' database, e.g. {@code telemetry}. */
        public Builder<T> table(String table) {
            this.table = table;
            return this;
        }

        public Builder<T> format(ClickHouseFormat format) {
            this.format = format;
            return this;
        }

        public Builder<T> encoder(RowEncoder<T> encoder) {
            this.encoder = encoder;
            return this;
        }

        public Builder<T> options(ClickHouseSinkOptions options) {
            this.options = options;
            return this;
        }

        public ClickHouseSink<T> build() {
            Objects.requireNonNull(settings, "ClickHouseSink needs settings(...): where the server is");
            Objects.requireNonNull(encoder, "ClickHouseSink needs encoder(...): how an element becomes rows");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(format, "format");
            if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("ClickHouseSink needs table(...) with a plain table name, was '"
                        + table + "'");
            }
            return new ClickHouseSink<>(this);
        }
    }
}
