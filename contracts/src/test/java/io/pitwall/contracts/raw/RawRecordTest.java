package io.pitwall.contracts.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawRecordTest {

    private static final String VIN = "LSVAU2180N2183294";

    @Test
    void telemetryRecordHasTheDocumentedJsonShape() {
        TelemetryMessage message = TelemetryMessage.single(VIN, new Sample(18342L, 1763942400123L, Map.of("Vehicle.Speed", 63.5)));
        assertThat(Json.writeString(RawRecord.telemetry(message, VIN, "gw-1", 1763942400200L, 1))).isEqualTo(
                "{\"schemaVersion\":1,\"kind\":\"TELEMETRY\",\"vin\":\"LSVAU2180N2183294\",\"clientId\":\"LSVAU2180N2183294\","
                        + "\"gatewayId\":\"gw-1\",\"receivedAt\":1763942400200,\"qos\":1,"
                        + "\"samples\":[{\"seq\":18342,\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":63.5}}]}");
    }

    @Test
    void statusRecordCarriesOnlyTheOnlineFlag() {
        RawRecord status = RawRecord.status(VIN, false, VIN, "gw-1", 5L, 1);
        assertThat(status.kind()).isEqualTo(RawKind.STATUS);
        assertThat(status.online()).isFalse();
        assertThat(status.samples()).isNull();
        assertThat(status.event()).isNull();
        assertThat(Json.writeString(status)).endsWith("\"qos\":1,\"online\":false}");
    }

    @Test
    void batchSamplesKeepTheirOrder() {
        TelemetryMessage message = TelemetryMessage.batch(VIN, List.of(new Sample(2, 2, Map.of("a", 1.0)), new Sample(1, 1, Map.of("a", 2.0))));
        assertThat(RawRecord.telemetry(message, VIN, "gw", 3, 0).samples()).extracting(Sample::seq).containsExactly(2L, 1L);
    }
}
