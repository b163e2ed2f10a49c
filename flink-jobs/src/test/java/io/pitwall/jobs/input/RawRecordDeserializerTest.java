package io.pitwall.jobs.input;

import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawRecordDeserializerTest {

    private final RawRecordDeserializer deserializer = new RawRecordDeserializer();

    private List<VehicleInput> read(String json) {
        List<VehicleInput> inputs = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>("telemetry.raw", 0, 0L, null,
                json.getBytes(StandardCharsets.UTF_8)), new Collector<>() {
                    @Override
                    public void collect(VehicleInput record) {
                        inputs.add(record);
                    }

                    @Override
                    public void close() {
                    }
                });
        return inputs;
    }

    @Test
    void emitsOneSampleInputPerSampleOfABatch() {
        List<VehicleInput> inputs = read("{\"schemaVersion\":1,\"kind\":\"TELEMETRY\",\"vin\":\"LSVAU2180N2183294\","
                + "\"clientId\":\"LSVAU2180N2183294\",\"gatewayId\":\"gw-1\",\"receivedAt\":1763942409000,\"qos\":1,"
                + "\"samples\":[{\"seq\":1,\"ts\":1763942400000,\"signals\":{\"Vehicle.Speed\":10.0}},"
                + "{\"seq\":18446744073709551615,\"ts\":1763942401000,\"signals\":{\"Vehicle.Speed\":11.0}}]}");
        assertThat(inputs).hasSize(2);
        assertThat(inputs.get(0).vin).isEqualTo("LSVAU2180N2183294");
        assertThat(inputs.get(0).receivedAt).isEqualTo(1763942409000L);
        assertThat(inputs.get(0).isSample()).isTrue();
        assertThat(inputs.get(1).seq).as("uint64 max survives as the same 64 bits").isEqualTo(-1L);
        assertThat(inputs.get(1).signal(Signals.SPEED)).isEqualTo(11.0);
    }

    @Test
    void emitsServiceEventsWithTheirItems() {
        List<VehicleInput> inputs = read("{\"schemaVersion\":1,\"kind\":\"EVENT\",\"vin\":\"LSVAU2180N2183294\","
                + "\"clientId\":\"LSVAU2180N2183294\",\"gatewayId\":\"gw-1\",\"receivedAt\":1763942409000,\"qos\":1,"
                + "\"event\":{\"vin\":\"LSVAU2180N2183294\",\"seq\":7,\"ts\":1763942400000,\"type\":\"SERVICE_DONE\","
                + "\"detail\":{\"items\":[\"BRAKE_PADS_FRONT\"],\"odometerKm\":48210}}}");
        assertThat(inputs).singleElement().satisfies(e -> {
            assertThat(e.isEvent("SERVICE_DONE")).isTrue();
            assertThat(e.serviceItems).containsExactly("BRAKE_PADS_FRONT");
            assertThat(e.detailJson).isEqualTo("{\"items\":[\"BRAKE_PADS_FRONT\"],\"odometerKm\":48210}");
            assertThat(e.seq).isEqualTo(7);
        });
    }

    @Test
    void skipsStatusRecordsAndUnreadableOnes() {
        assertThat(read("{\"schemaVersion\":1,\"kind\":\"STATUS\",\"vin\":\"LSVAU2180N2183294\",\"online\":true,"
                + "\"clientId\":\"LSVAU2180N2183294\",\"gatewayId\":\"gw-1\",\"receivedAt\":1,\"qos\":1}")).isEmpty();
        assertThat(read("not json")).isEmpty();
    }
}
