package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.contracts.VehicleTopic.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class VehicleTopicTest {

    private static final String VIN = "LSVAU2180N2183294";

    @ParameterizedTest
    @CsvSource({
        "v1/vehicles/LSVAU2180N2183294/telemetry, TELEMETRY",
        "v1/vehicles/LSVAU2180N2183294/telemetry/cbor, TELEMETRY_CBOR",
        "v1/vehicles/LSVAU2180N2183294/events, EVENTS",
        "v1/vehicles/LSVAU2180N2183294/status, STATUS",
        "v1/vehicles/LSVAU2180N2183294/notices, NOTICES"})
    void parsesEveryVehicleTopic(String topic, Channel channel) {
        assertThat(VehicleTopic.parse(topic)).isEqualTo(new VehicleTopic(VIN, channel));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void formatsBackToTheTopicItParsedFrom(Channel channel) {
        VehicleTopic topic = new VehicleTopic(VIN, channel);
        assertThat(VehicleTopic.parse(topic.topic())).isEqualTo(topic);
        assertThat(topic.topic()).startsWith(VehicleTopic.prefixFor(VIN));
    }

    @Test
    void prefixIsTheVehiclesSubtree() {
        assertThat(VehicleTopic.prefixFor(VIN)).isEqualTo("v1/vehicles/LSVAU2180N2183294/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "v1/vehicles", "v1/vehicles/", "v1/vehicles/LSVAU2180N2183294", "v1/vehicles/LSVAU2180N2183294/",
        "v1/vehicles/LSVAU2180N2183294/telemetry/", "v1/vehicles/LSVAU2180N2183294/telemetry/json",
        "v1/vehicles/LSVAU2180N2183294/events/extra", "v1/vehicles/LSVAU2180N2183294/#", "v1/vehicles/LSVAU2180N2183294/+",
        "v2/vehicles/LSVAU2180N2183294/telemetry", "/v1/vehicles/LSVAU2180N2183294/telemetry", "V1/vehicles/LSVAU2180N2183294/telemetry",
        "v1/vehicles/LSVAU2180N2183294/Telemetry", "v1/cars/LSVAU2180N2183294/telemetry"})
    void rejectsAnythingElseAsInvalidTopic(String topic) {
        assertThatThrownBy(() -> VehicleTopic.parse(topic))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.reason()).isEqualTo(RejectReason.INVALID_TOPIC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/vehicles/lsvau2180n2183294/telemetry", "v1/vehicles/+/telemetry", "v1/vehicles//telemetry",
        "v1/vehicles/LSVAU2180N2183294:dongle/telemetry"})
    void rejectsABadVinLevelAsInvalidVin(String topic) {
        assertThatThrownBy(() -> VehicleTopic.parse(topic))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.reason()).isEqualTo(RejectReason.INVALID_VIN));
    }

    @Test
    void rejectsNullTopic() {
        assertThatThrownBy(() -> VehicleTopic.parse(null))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.reason()).isEqualTo(RejectReason.INVALID_TOPIC));
    }

    @Test
    void payloadFormatFollowsContentTypeThenTopic() {
        VehicleTopic json = new VehicleTopic(VIN, Channel.TELEMETRY);
        VehicleTopic cbor = new VehicleTopic(VIN, Channel.TELEMETRY_CBOR);
        assertThat(json.payloadFormat(null)).isEqualTo(PayloadFormat.JSON);
        assertThat(json.payloadFormat("application/cbor")).isEqualTo(PayloadFormat.CBOR);
        assertThat(cbor.payloadFormat(null)).isEqualTo(PayloadFormat.CBOR);
        assertThat(cbor.payloadFormat("application/cbor")).isEqualTo(PayloadFormat.CBOR);
    }

    @Test
    void rejectsJsonContentTypeOnTheCborTopic() {
        VehicleTopic cbor = new VehicleTopic(VIN, Channel.TELEMETRY_CBOR);
        assertThatThrownBy(() -> cbor.payloadFormat("application/json"))
                .isInstanceOfSatisfying(ContractViolation.class, v -> {
                    assertThat(v.reason()).isEqualTo(RejectReason.UNSUPPORTED_CONTENT_TYPE);
                    assertThat(v.getMessage()).contains("telemetry/cbor");
                });
    }
}
