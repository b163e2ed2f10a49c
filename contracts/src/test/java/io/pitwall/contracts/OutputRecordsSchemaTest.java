package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.health.HealthPrediction.AxleWear;
import io.pitwall.contracts.health.HealthPrediction.BrakePads;
import io.pitwall.contracts.health.HealthPrediction.LowVoltageBattery;
import io.pitwall.contracts.health.HealthPrediction.TractionBattery;
import io.pitwall.contracts.notices.Action;
import io.pitwall.contracts.notices.Notice;
import io.pitwall.contracts.notices.NoticeKind;
import io.pitwall.contracts.notices.VehicleNoticeRecord;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.OfferDeadLetter;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.raw.RejectedRecord;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.contracts.telemetry.TelemetryMessage;
import io.pitwall.contracts.testing.SchemaCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record Pitwall writes, built in Java and serialised with {@link Json}, against its published schema. */
class OutputRecordsSchemaTest {

    private static final String VIN = "LSVAU2180N2183294";
    private static final long T = 1763942400123L;

    static Stream<Arguments> records() {
        Map<String, Double> signals = new LinkedHashMap<>();
        signals.put("Vehicle.Speed", 63.5);
        signals.put("Vehicle.OEM.Unknown", -1.0);
        TelemetryMessage telemetry = TelemetryMessage.batch(VIN, List.of(new Sample(-1L, T, signals), new Sample(7L, T + 1, Map.of("a", 1.0))));
        VehicleEvent dtc = new VehicleEvent(VIN, 18345L, T, EventType.DTC_SET, "P0217",
                Json.mapper().createObjectNode().put("mil", true));
        VehicleEvent service = new VehicleEvent(VIN, 18346L, T, EventType.SERVICE_DONE, null,
                (ObjectNode) Json.mapper().createObjectNode().put("odometerKm", 48210.5).set("items", Json.mapper().createArrayNode().add("TIRES")));
        Notice notice = new Notice("n-1", NoticeKind.ALERT, Severity.CRITICAL, "Engine overheating", "Stop when safe.",
                List.of(new Action("Book a visit", "https://book.example/a?vin=" + VIN)), T + 86_400_000L);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("signal", "Vehicle.Powertrain.CombustionEngine.ECT");
        evidence.put("value", 121.5);
        evidence.put("threshold", 115.0);
        evidence.put("samples", 12);
        return Stream.of(
                Arguments.of("raw-record", RawRecord.telemetry(telemetry, VIN, "gw-1", T + 5, 1)),
                Arguments.of("raw-record", RawRecord.event(dtc, VIN + ":dongle", "gw-1", T + 5, 1)),
                Arguments.of("raw-record", RawRecord.event(service, VIN, "gw-2", T + 5, 1)),
                Arguments.of("raw-record", RawRecord.status(VIN, false, VIN, "gw-1", T + 5, 1)),
                Arguments.of("rejected-record", RejectedRecord.of(VIN, VIN, "gw-1", T, "v1/vehicles/" + VIN + "/telemetry",
                        RejectReason.NON_FINITE_NUMBER, "signals[\"Vehicle.Speed\"] is NaN; signal values must be finite numbers",
                        "{\"vin\":...}".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Arguments.of("alert", new Alert(Alert.SCHEMA_VERSION, Alert.alertId(VIN, AlertKind.COOLANT_OVERHEAT, T), VIN,
                        AlertKind.COOLANT_OVERHEAT, Severity.CRITICAL, AlertState.OPEN, T, T + 900, evidence, "Stop and let the engine cool.")),
                Arguments.of("alert", new Alert(Alert.SCHEMA_VERSION, Alert.alertId(VIN, AlertKind.SIGNAL_ANOMALY, T), VIN,
                        AlertKind.SIGNAL_ANOMALY, Severity.INFO, AlertState.RESOLVED, T, T + 900, Map.of(), null)),
                Arguments.of("health-prediction", new HealthPrediction(HealthPrediction.SCHEMA_VERSION, VIN, T, 48210.7,
                        new BrakePads(new AxleWear(72.5, 1850.0, 41.0, 0.8), new AxleWear(40.0, null, null, 0.3)),
                        new LowVoltageBattery(LowVoltageBattery.WEAK, 12.1, 0.18),
                        new TractionBattery(93.4, 0.9, "2031-06-30", null, 0.6))),
                Arguments.of("health-prediction", new HealthPrediction(HealthPrediction.SCHEMA_VERSION, VIN, T, null, null, null, null)),
                Arguments.of("owner-profile", new OwnerProfile(OwnerProfile.SCHEMA_VERSION, "owner-42", List.of(VIN), 36500.0, 5,
                        T - 86_400_000L, T, Map.of(Channel.WECOM, true, Channel.HEAD_UNIT, false), "Asia/Shanghai", "zh-CN",
                        "ws-7", "Pudong 4S", "Li Wei", T)),
                Arguments.of("service-offer", new ServiceOffer(ServiceOffer.SCHEMA_VERSION, "offer-1", "owner-42", VIN,
                        "BRAKE_PADS_FRONT", Decision.SENT, null, Channel.WECOM, Tier.HIGH, Lifecycle.ACTIVE, "brake-copy-2025w48", "B",
                        "tpl-brake-1", "zh-CN", "Front brake pads", "Your front pads are at 72 %.", "https://book.example/o/1",
                        ServiceOffer.TRIGGER_HEALTH, VIN + "@" + T, T, T + 60_000, null)),
                Arguments.of("service-offer", new ServiceOffer(ServiceOffer.SCHEMA_VERSION, "offer-2", "owner-42", VIN,
                        "BATTERY_12V", Decision.SUPPRESSED, "no-consent", null, Tier.POTENTIAL, Lifecycle.LOST, null, null,
                        null, null, null, null, null, ServiceOffer.TRIGGER_ALERT, "a-1", T, T + 1, null)),
                Arguments.of("offer-event", new OfferEvent(OfferEvent.SCHEMA_VERSION, "ev-1", "offer-1", "owner-42",
                        OfferEventType.BOOKED, T, Channel.WECOM, Map.of("bookingId", "B-991"))),
                Arguments.of("offer-dead-letter", new OfferDeadLetter(OfferDeadLetter.SCHEMA_VERSION, "offer-1", "owner-42",
                        Channel.WEBHOOK, 5, 503, "http-503", T, "{\"offerId\":\"offer-1\"}")),
                Arguments.of("notice", notice),
                Arguments.of("vehicle-notice-record", VehicleNoticeRecord.of(VIN, notice)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("records")
    void writtenRecordMatchesItsSchema(String schema, Object record) {
        assertThat(SchemaCheck.validate(schema, Json.write(record))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("records")
    void writesOnlyFieldsTheSchemaDeclares(String schema, Object record) {
        JsonNode written = SchemaCheck.tree(Json.write(record));
        JsonNode declared = rootOf(schema).path("properties");
        List<String> undeclared = new ArrayList<>();
        written.fieldNames().forEachRemaining(f -> {
            if (!declared.has(f)) {
                undeclared.add(f);
            }
        });
        assertThat(undeclared).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("records")
    void documentMissingARequiredFieldFailsValidation(String schema, Object record) {
        JsonNode required = rootOf(schema).path("required");
        assertThat(required.size()).isPositive();
        for (JsonNode field : required) {
            ObjectNode document = (ObjectNode) SchemaCheck.tree(Json.write(record));
            document.remove(field.asText());
            assertThat(SchemaCheck.validate(schema, document)).as("%s without %s", schema, field.asText()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("records")
    void readsBackToAnEqualRecord(String schema, Object record) {
        assertThat(Json.read(Json.write(record), record.getClass())).isEqualTo(record);
    }

    /* notice.schema.json refers its root to $defs/notice, the form it shares with vehicle-notice-record. */
    private static JsonNode rootOf(String schema) {
        JsonNode tree = SchemaCheck.schemaTree(schema);
        String ref = tree.path("$ref").asText("");
        return ref.startsWith("#/$defs/") ? tree.path("$defs").path(ref.substring("#/$defs/".length())) : tree;
    }
}
