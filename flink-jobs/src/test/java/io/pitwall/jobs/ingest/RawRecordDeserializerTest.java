package io.pitwall.jobs.ingest;

import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawRecordDeserializerTest {

    private final RawRecordDeserializer deserializer = new RawRecordDeserializer();

    private List<TelemetryRow> read(String json) {
        List<TelemetryRow> rows = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>("telemetry.raw", 0, 0L, null,
                json.getBytes(StandardCharsets.UTF_8)), new Collector<>() {
                    @Override
                    public void collect(TelemetryRow record) {
                        rows.add(record);
                    }

                    @Override
                    public void close() {
                    }
                });
        return rows;
    }

    @Test
    void emitsOneRowPerSampleOfABatch() {
        List<TelemetryRow> rows = read("{\"schemaVersion\":1,\"kind\":\"TELEMETRY\",\"vin\":\"LSVAU2180N2183294\","
                + "\"clientId\":\"LSVAU2180N2183294\",\"gatewayId\":\"gw-1\",\"receivedAt\":1763942409000,\"qos\":1,"
                + "\"samples\":[{\"seq\":1,\"ts\":1763942400000,\"signals\":{\"Vehicle.Speed\":10.0}},"
                + "{\"seq\":18446744073709551615,\"ts\":1763942401000,\"signals\":{\"Vehicle.Speed\":11.0}}]}");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).vin()).isEqualTo("LSVAU2180N2183294");
        assertThat(rows.get(0).receivedAtMillis()).isEqualTo(1763942409000L);
        assertThat(rows.get(1).seq()).as("uint64 max survives as the same 64 bits").isEqualTo(-1L);
        assertThat(rows.get(1).signals()).containsEntry("Vehicle.Speed", 11.0);
    }

    @Test
    void skipsRecordsWithoutSamplesAndUnreadableOnes() {
        assertThat(read("{\"schemaVersion\":1,\"kind\":\"STATUS\",\"vin\":\"LSVAU2180N2183294\",\"online\":true,"
                + "\"gatewayId\":\"gw-1\",\"receivedAt\":1,\"qos\":1}")).isEmpty();
        assertThat(read("not json")).isEmpty();
    }
}
