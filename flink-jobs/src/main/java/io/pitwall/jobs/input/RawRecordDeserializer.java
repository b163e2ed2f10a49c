package io.pitwall.jobs.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.telemetry.Sample;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the gateway's {@code telemetry.raw} records and emits one {@link VehicleInput} per sample
 * and per event (status records carry nothing to analyse). The gateway validated every record,
 * so one that does not parse means a foreign writer or a schema change: it is logged and counted
 * rather than allowed to stop the job.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<VehicleInput> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RawRecordDeserializer.class);

    private transient Counter unreadable;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        unreadable = context.getMetricGroup().counter("rawRecordsUnreadable");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<VehicleInput> out) {
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
        emit(raw, out::collect);
    }

    /** The job's inputs in one gateway record: one per sample, or the event. */
    public static void emit(RawRecord raw, Consumer<VehicleInput> out) {
        if (raw.samples() != null) {
            for (Sample sample : raw.samples()) {
                out.accept(VehicleInput.sample(raw.vin(), sample.seq(), sample.ts(), raw.receivedAt(),
                        raw.gatewayId(), sample.signals()));
            }
        }
        VehicleEvent event = raw.event();
        if (event != null) {
            VehicleInput input = VehicleInput.event(raw.vin(), event.seq(), event.ts(), raw.receivedAt(),
                    event.type().name(), event.code(), serviceItems(event.detail()));
            input.gatewayId = raw.gatewayId();
            input.detailJson = event.detail() == null ? null : event.detail().toString();
            out.accept(input);
        }
    }

    private static List<String> serviceItems(JsonNode detail) {
        if (detail == null || !detail.path("items").isArray()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        detail.get("items").forEach(item -> items.add(item.asText()));
        return items;
    }

    @Override
    public TypeInformation<VehicleInput> getProducedType() {
        return TypeInformation.of(VehicleInput.class);
    }
}
