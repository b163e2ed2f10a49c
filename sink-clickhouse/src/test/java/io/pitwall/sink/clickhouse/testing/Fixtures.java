package io.pitwall.sink.clickhouse.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.contracts.owners.Tier;

import java.util.List;
import java.util.Map;

/** Contract records as the pipeline produces them, for encoder and table tests. */
public final class Fixtures {

    public static final String VIN = "LSVAU2180N2183294";
    public static final long T0 = 1_763_942_400_000L; // 2025-11-24T00:00:00Z

    private Fixtures() {
    }

    public static Alert alert(String vin, AlertKind kind, Severity severity, AlertState state, long episodeStart,
                              long eventTime) {
        return new Alert(1, Alert.alertId(vin, kind, episodeStart), vin, kind, severity, state, eventTime,
                eventTime + 1500, Map.of("signal", "Vehicle.Powertrain.CombustionEngine.ECT", "value", 118.5,
                "threshold", 115), "Stop and let the engine cool");
    }

    public static VehicleEvent serviceDone(String vin, long seq, long ts, double odometerKm, String... items) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.putArray("items").addAll(java.util.Arrays.stream(items).map(JsonNodeFactory.instance::textNode).toList());
        detail.put("odometerKm", odometerKm);
        return new VehicleEvent(vin, seq, ts, EventType.SERVICE_DONE, null, detail);
    }

    public static VehicleEvent dtcSet(String vin, long seq, long ts, String code) {
        return new VehicleEvent(vin, seq, ts, EventType.DTC_SET, code, null);
    }

    public static HealthPrediction brakePads(String vin, long asOf, double frontWear, Double frontKm, Double frontDays) {
        return new HealthPrediction(1, vin, asOf, 48_210.5,
                new HealthPrediction.BrakePads(new HealthPrediction.AxleWear(frontWear, frontKm, frontDays, 0.8), null),
                new HealthPrediction.LowVoltageBattery(HealthPrediction.LowVoltageBattery.GOOD, 12.6, 0.02),
                null);
    }

    public static HealthPrediction full(String vin, long asOf, double frontWear, Double frontKm, Double frontDays,
                                        String lvState, double noStartRisk, Double sohPercent) {
        return new HealthPrediction(1, vin, asOf, 48_210.5,
                new HealthPrediction.BrakePads(new HealthPrediction.AxleWear(frontWear, frontKm, frontDays, 0.8),
                        new HealthPrediction.AxleWear(20, 30_000.0, 400.0, 0.5)),
                new HealthPrediction.LowVoltageBattery(lvState, 12.1, noStartRisk),
                sohPercent == null ? null
                        : new HealthPrediction.TractionBattery(sohPercent, 1.2, "2029-03-01", null, 0.7));
    }

    public static ServiceOffer offer(String offerId, String ownerId, String vin, Decision decision, Tier tier,
                                     String experiment, String variant, String alertId, long triggerTime,
                                     long decidedAt) {
        return new ServiceOffer(1, offerId, ownerId, vin, "BRAKE_PADS_FRONT", decision,
                decision == Decision.SENT ? null : "frequency-cap", Channel.WECOM, tier, Lifecycle.ACTIVE, experiment,
                variant, "brake-pads-v2", "zh-CN", "王先生，您的刹车片需要更换", "body with the owner's name",
                "https://book.example/o/personal-token", ServiceOffer.TRIGGER_ALERT, alertId, triggerTime, decidedAt,
                null);
    }

    public static OfferEvent offerEvent(String eventId, String offerId, String ownerId, OfferEventType type, long at) {
        return new OfferEvent(1, eventId, offerId, ownerId, type, at, Channel.WECOM,
                Map.of("bookingId", "B-1", "ownerPhone", "13800000000"));
    }

    public static OwnerProfile owner(String ownerId, List<String> vins, String workshopId, String workshopName) {
        return new OwnerProfile(1, ownerId, vins, 35_000, 5, T0 - 86_400_000L, T0,
                Map.of(Channel.WECOM, true, Channel.APP, false), "Asia/Shanghai", "zh-CN", workshopId, workshopName,
                "Advisor Li", T0);
    }
}
