package io.pitwall.jobs.offers;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.raw.RawKind;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads {@code vehicle.alerts}, {@code vehicle.health} or the SERVICE_DONE events of {@code telemetry.raw} as {@link VehicleFact}s. */
final class FactDeserializer extends SkippingDeserializer<VehicleFact> {

    private static final long serialVersionUID = 1L;
    private static final byte[] SERVICE_DONE = EventType.SERVICE_DONE.name().getBytes(StandardCharsets.US_ASCII);

    private final FactKind kind;

    FactDeserializer(FactKind kind) {
        super(VehicleFact.class);
        this.kind = kind;
    }

    @Override
    void read(ConsumerRecord<byte[], byte[]> record, Collector<VehicleFact> out) {
        byte[] value = record.value();
        switch (kind) {
            case ALERT -> {
                Alert alert = Json.read(value, Alert.class);
                out.collect(new VehicleFact(alert.vin(), kind, alert.eventTime(), value));
            }
            case HEALTH -> {
                HealthPrediction prediction = Json.read(value, HealthPrediction.class);
                out.collect(new VehicleFact(prediction.vin(), kind, prediction.asOf(), value));
            }
            case SERVICE_DONE -> {
                // telemetry.raw is nearly all samples: a byte search skips them without parsing.
                if (!contains(value, SERVICE_DONE)) {
                    return;
                }
                RawRecord raw = Json.read(value, RawRecord.class);
                VehicleEvent event = raw.event();
                if (raw.kind() == RawKind.EVENT && event != null && event.type() == EventType.SERVICE_DONE) {
                    out.collect(new VehicleFact(raw.vin(), kind, event.ts(), Json.write(event)));
                }
            }
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
