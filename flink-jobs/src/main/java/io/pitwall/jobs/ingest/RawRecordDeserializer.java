package io.pitwall.jobs.ingest;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the gateway's {@code telemetry.raw} records and emits one {@link TelemetryRow} per sample.
 * The gateway validated every record, so one that does not parse means a foreign writer or a
 * schema change: it is logged and counted rather than allowed to stop the job.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<TelemetryRow> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RawRecordDeserializer.class);

    private transient Counter unreadable;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        unreadable = context.getMetricGroup().counter("rawRecordsUnreadable");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<TelemetryRow> out) {
        RawRecord raw;
        try {
            raw = Json.read(record.value(), RawRecord.class);
        } catch (RuntimeException e) {
            if (unreadable != null) {
                unreadable.inc();
            }
            LOG.warn("Skipping unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        emitRows(raw, out);
    }

    static void emitRows(RawRecord raw, Collector<TelemetryRow> out) {
        if (raw.samples() == null) {
            return;
        }
        for (Sample sample : raw.samples()) {
            out.collect(new TelemetryRow(raw.vin(), sample.seq(), sample.ts(), raw.receivedAt(), raw.gatewayId(),
                    sample.signals()));
        }
    }

    @Override
    public TypeInformation<TelemetryRow> getProducedType() {
        return TypeInformation.of(TelemetryRow.class);
    }
}
