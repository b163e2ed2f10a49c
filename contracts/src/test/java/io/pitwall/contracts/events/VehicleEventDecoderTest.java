package io.pitwall.contracts.events;

import static io.pitwall.contracts.testing.Fixtures.CLOCK;
import static io.pitwall.contracts.testing.Fixtures.LIMITS;
import static io.pitwall.contracts.testing.Fixtures.NOW;
import static io.pitwall.contracts.testing.Fixtures.OTHER_VIN;
import static io.pitwall.contracts.testing.Fixtures.VIN;
import static io.pitwall.contracts.testing.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.testing.Violations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VehicleEventDecoderTest {

    private final VehicleEventDecoder decoder = new VehicleEventDecoder(LIMITS, CLOCK);

    private VehicleEvent decode(String json) {
        return decoder.decode(VIN, utf8(json), PayloadFormat.JSON);
    }

    private ContractViolation refused(String json, RejectReason reason) {
        return Violations.refused(() -> decode(json), reason);
    }

    @Test
    void decodesTheContractsDtcExample() {
        VehicleEvent event = decode("{\"vin\":\"LSVAU2180N2183294\",\"seq\":18345,\"ts\":1763942403123,\"type\":\"DTC_SET\",\"code\":\"P0217\"}");
        assertThat(event).isEqualTo(new VehicleEvent(VIN, 18345L, 1763942403123L, EventType.DTC_SET, "P0217", null));
    }

    @Test
    void decodesServiceDoneDetail() {
        VehicleEvent event = decode("{\"vin\":\"LSVAU2180N2183294\",\"seq\":18346,\"ts\":1763942403123,\"type\":\"SERVICE_DONE\","
                + "\"detail\":{\"items\":[\"BRAKE_PADS_FRONT\",\"WIPER_BLADES\"],\"odometerKm\":48210.5}}");
        assertThat(event.code()).isNull();
        List<String> items = new ArrayList<>();
        event.detail().get("items").forEach(item -> items.add(item.asText()));
        assertThat(items).containsExactly("BRAKE_PADS_FRONT", "WIPER_BLADES");
        assertThat(items.stream().map(ServiceItem::parse)).containsExactly(java.util.Optional.of(ServiceItem.BRAKE_PADS_FRONT), java.util.Optional.empty());
        assertThat(event.detail().get("odometerKm").isDouble()).isTrue();
        assertThat(event.detail().get("odometerKm").doubleValue()).isEqualTo(48210.5);
    }

    @Test
    void rejectsAVinThatDiffersFromTheTopic() {
        Violations.refused(() -> decoder.decode(OTHER_VIN,
                utf8("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942403123,\"type\":\"IGNITION_ON\"}"), PayloadFormat.JSON),
                RejectReason.VIN_MISMATCH);
    }

    @Test
    void rejectsAnEventMoreThanADayInTheFuture() {
        long tooLate = NOW.plus(Duration.ofHours(25)).toEpochMilli();
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":" + tooLate + ",\"type\":\"IGNITION_ON\"}", RejectReason.INVALID_TIMESTAMP);
    }

    @Test
    void rejectsDuplicateKeys() {
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942403123,\"type\":\"IGNITION_ON\",\"type\":\"IGNITION_OFF\"}",
                RejectReason.DUPLICATE_KEY);
    }

    @Test
    void rejectsNaNInsideFreeFormDetail() {
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942403123,\"type\":\"DTC_SET\","
                + "\"code\":\"P0217\",\"detail\":{\"freezeFrame\":{\"rpm\":[1200,NaN]}}}", RejectReason.NON_FINITE_NUMBER);
        assertThat(violation.getMessage()).startsWith("detail[\"freezeFrame\"][\"rpm\"][1] is NaN");
    }

    @Test
    void rejectsNumbersBeyondDoubleRangeInsideFreeFormDetail() {
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942403123,\"type\":\"IGNITION_OFF\",\"detail\":{\"x\":1e400}}",
                RejectReason.NUMBER_OUT_OF_RANGE);
    }

    @Test
    void rejectsACborByteStringInsideDetail() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("vin", VIN);
            g.writeNumberField("seq", 1);
            g.writeNumberField("ts", 1763942403123L);
            g.writeStringField("type", "IGNITION_ON");
            g.writeObjectFieldStart("detail");
            g.writeBinaryField("blob", new byte[] {1});
            g.writeEndObject();
            g.writeEndObject();
        }
        Violations.refused(() -> decoder.decode(VIN, out.toByteArray(), PayloadFormat.CBOR), RejectReason.WRONG_TYPE);
    }

    @Test
    void refusesDeepNestingInDetailFast() {
        String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942403123,\"type\":\"IGNITION_ON\",\"detail\":" + deep + "}",
                RejectReason.TOO_DEEP);
    }

    @Test
    void seqUint64MaxRoundTripsAsUnsignedText() {
        VehicleEvent event = decode("{\"vin\":\"LSVAU2180N2183294\",\"seq\":18446744073709551615,\"ts\":1763942403123,\"type\":\"IGNITION_ON\"}");
        assertThat(event.seq()).isEqualTo(-1L);
        assertThat(Json.writeString(event)).contains("\"seq\":18446744073709551615");
        assertThat(Json.read(Json.write(event), VehicleEvent.class)).isEqualTo(event);
    }

    @Test
    void unknownTypeMessageListsTheKnownTypes() {
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942403123,\"type\":\"DOOR_OPEN\"}",
                RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(violation.getMessage()).isEqualTo(
                "type is \"DOOR_OPEN\"; type must be one of DTC_SET, DTC_CLEARED, IGNITION_ON, IGNITION_OFF, SERVICE_DONE");
    }
}
