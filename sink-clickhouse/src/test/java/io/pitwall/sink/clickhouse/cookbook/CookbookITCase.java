package io.pitwall.sink.clickhouse.cookbook;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.Json;
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
import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.junit.RealClickHouseExtension;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.PitwallSinks;
import io.pitwall.sink.clickhouse.schema.SchemaMigrator;
import io.pitwall.sink.clickhouse.tables.AlertRowEncoder;
import io.pitwall.sink.clickhouse.tables.HealthPredictionRowEncoder;
import io.pitwall.sink.clickhouse.tables.OfferEventRowEncoder;
import io.pitwall.sink.clickhouse.tables.OwnerRowEncoder;
import io.pitwall.sink.clickhouse.tables.ServiceOfferRowEncoder;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import io.pitwall.sink.clickhouse.tables.TelemetryRowEncoder;
import io.pitwall.sink.clickhouse.tables.VehicleEventRowEncoder;
import io.pitwall.sink.clickhouse.testing.DirectWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each cookbook query against a real ClickHouse holding a small fleet with known facts, written
 * through the pipeline's encoders and sink writer, every batch twice (as a replay would), so the
 * answers also prove that analysts never see duplicates.
 */
@ExtendWith(RealClickHouseExtension.class)
class CookbookITCase {

    private static final long MON = 1_763_942_400_000L; // Monday 2025-11-24 00:00 UTC
    private static final long MIN = 60_000L;
    private static final long DAY = 86_400_000L;
    // 10th VIN character = model year: N 2022, P 2023, R 2024.
    private static final String V1 = "LSVAU2180N2000001";
    private static final String V2 = "LSVAU2180N2000002";
    private static final String V3 = "LSVAU2180P2000003";
    private static final String V4 = "LSVAU2180R2000004";
    private static final String V5 = "LSVAU2180R2000005";

    private static ClickHouseServer server;

    @BeforeAll
    static void storeTheFleet(ClickHouseServer clickHouse) throws Exception {
        server = clickHouse;
        ClickHouseSettings settings = ClickHouseSettings.of(clickHouse.httpUrl());
        new SchemaMigrator(settings).migrate();
        for (int copy = 0; copy < 2; copy++) {
            DirectWriter.write(settings, PitwallSinks.OWNERS, new OwnerRowEncoder(), List.of(
                    owner("owner-1", List.of(V1, V2), "ws-A", "Pudong 4S"),
                    owner("owner-2", List.of(V3), "ws-B", "Minhang 4S"),
                    owner("owner-4", List.of(V4), "ws-A", "Pudong 4S")));
            DirectWriter.write(settings, PitwallSinks.HEALTH_PREDICTIONS, new HealthPredictionRowEncoder(), health());
            DirectWriter.write(settings, PitwallSinks.ALERTS, new AlertRowEncoder(), alerts());
            DirectWriter.write(settings, PitwallSinks.OFFERS, new ServiceOfferRowEncoder(), offers());
            DirectWriter.write(settings, PitwallSinks.OFFER_EVENTS, new OfferEventRowEncoder(), offerEvents());
            DirectWriter.write(settings, PitwallSinks.TELEMETRY, new TelemetryRowEncoder(), telemetry());
            DirectWriter.write(settings, PitwallSinks.VEHICLE_EVENTS, new VehicleEventRowEncoder(), services());
        }
    }

    @Test
    void q1ListsExactlyTheVehiclesWithPadsDueUnderTheirWorkshop() throws Exception {
        assertThat(run("q1_brake_pads_due", Map.of("days", 30, "km", 1000),
                "workshop_id, workshop, vehicles_due, vins, soonest_days, soonest_km"))
                .containsExactly(
                        "\t\t1\t['" + V5 + "']\t3\t150",
                        "ws-A\tPudong 4S\t2\t['" + V1 + "','" + V4 + "']\t12\t2000");
    }

    /** V2's front pads were replaced after its newest prediction (it leaves Q1); V1's service came before its (it stays). */
    private static List<VehicleEvent> services() {
        return List.of(service(V2, 7_001, MON + DAY + 3_600_000L, "BRAKE_PADS_FRONT"),
                service(V1, 7_002, MON + DAY - 3_600_000L, "BRAKE_PADS_FRONT"),
                service(V4, 7_003, MON + 2 * DAY, "OIL_CHANGE"));
    }

    private static VehicleEvent service(String vin, long seq, long ts, String item) {
        ObjectNode detail = Json.mapper().createObjectNode();
        detail.putArray("items").add(item);
        return new VehicleEvent(vin, seq, ts, EventType.SERVICE_DONE, null, detail);
    }

    @Test
    void q2aFindsThisWeeksNoStartRisks() throws Exception {
        assertThat(run("q2a_12v_no_start_risk", Map.of("week_start", "2025-11-24 00:00:00", "min_risk", 0.5),
                "vin, owner_id, battery_state, no_start_risk"))
                .containsExactly(V4 + "\towner-4\tGOOD\t0.6", V1 + "\towner-1\tWEAK\t0.4");
    }

    @Test
    void q2bSpreadsTractionBatteryHealthByModelYear() throws Exception {
        assertThat(run("q2b_traction_soh_by_model_year", Map.of(),
                "model_year, vehicles, avg_soh_pct, min_soh_pct, soh_95_plus, soh_90_95, soh_80_90"))
                .containsExactly("2022\t2\t88\t85\t0\t1\t1", "2023\t1\t96\t96\t1\t0\t0", "2024\t1\t99\t99\t1\t0\t0");
    }

    @Test
    void q3aCountsAlertsPerDayKindAndSeverityOnce() throws Exception {
        assertThat(run("q3a_alerts_per_day", Map.of("from", "2025-11-24", "to", "2025-11-26"),
                "day, kind, severity, alerts, vehicles"))
                .containsExactly(
                        "2025-11-24\tCOOLANT_OVERHEAT\tCRITICAL\t1\t1",
                        "2025-11-24\tCOOLANT_OVERHEAT\tWARNING\t1\t1",
                        "2025-11-24\tLOW_12V_BATTERY\tWARNING\t1\t1",
                        "2025-11-25\tBRAKE_PADS_WORN\tINFO\t1\t1");
    }

    @Test
    void q3bMeasuresTheTimeFromAlertToSentOffer() throws Exception {
        assertThat(run("q3b_alert_to_offer_time", Map.of("from", "2025-11-24 00:00:00", "to", "2025-12-01 00:00:00"),
                "kind, alerts, alerts_with_offer, median_minutes"))
                .containsExactly("BRAKE_PADS_WORN\t1\t0\tnan", "COOLANT_OVERHEAT\t1\t1\t5", "LOW_12V_BATTERY\t1\t1\t65");
    }

    @Test
    void q4aShowsTheFunnelPerTier() throws Exception {
        List<String> rows = run("q4a_offer_funnel_by_tier", Map.of("from", "2025-11-24 00:00:00",
                "to", "2025-12-01 00:00:00"), "tier, sent, delivered, opened, booked, serviced");
        assertThat(rows).containsExactly(Funnel.expectedByTier().toArray(String[]::new));
    }

    @Test
    void q4bFindsTheSignificantLiftAndNotTheNoise() throws Exception {
        List<String> rows = run("q4b_offer_ab_test", Map.of("from", "2025-11-24 00:00:00",
                "to", "2025-12-01 00:00:00", "alpha", 0.05), "experiment, variant, sent, booked, control_variant, z, significant");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo("pads-2025\tA\t200\t20\tA\t0\t0");
        String[] b = rows.get(1).split("\t");
        assertThat(b).startsWith("pads-2025", "B", "200", "44", "A");
        assertThat(Double.parseDouble(b[5])).isCloseTo(Funnel.z(200, 20, 200, 44), within(0.001));
        assertThat(b[6]).as("10 % -> 22 % on 200 offers each is significant").isEqualTo("1");
        String[] tone = rows.get(3).split("\t");
        assertThat(tone).startsWith("tone-2025", "B", "100", "12", "A");
        assertThat(Double.parseDouble(tone[5])).isCloseTo(Funnel.z(100, 10, 100, 12), within(0.001));
        assertThat(tone[6]).as("10 % -> 12 % on 100 offers each is noise").isEqualTo("0");
    }

    @Test
    void q5ReturnsEachSampleOfTheRangeOnceInTimeOrder() throws Exception {
        List<String> rows = run("q5_vin_signal_history", Map.of("vin", V1, "from", "2025-11-24 08:00:00",
                "to", "2025-11-24 09:00:00"), "seq, ts_ms, speed_kmh, coolant_temp_c");
        assertThat(rows).hasSize(3600);
        assertThat(rows.get(0)).isEqualTo("28800\t" + (MON + 28_800_000L) + "\t80\t90");
        assertThat(rows.get(3599)).startsWith("32399\t" + (MON + 32_399_000L));
    }

    /** Runs a cookbook query and returns the chosen columns, one tab-separated line per row. */
    private static List<String> run(String query, Map<String, ?> params, String columns) throws Exception {
        String sql = "SELECT " + columns + " FROM (" + Cookbook.bind(Cookbook.sql(query), params)
                + "\n) FORMAT TabSeparated";
        String body = server.query(sql).stripTrailing();
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }

    // ------------------------------------------------------------------ the fleet's known facts

    private static OwnerProfile owner(String id, List<String> vins, String workshopId, String workshop) {
        return new OwnerProfile(1, id, vins, 20_000, 2, null, null, Map.of(Channel.WECOM, true), "Asia/Shanghai",
                "zh-CN", workshopId, workshop, null, MON);
    }

    /** V1 front due in 12 days, V2 due by km (600), V4 rear due in 25 days, V5 (no owner) in 3; V3 was due, no longer. */
    private static List<HealthPrediction> health() {
        long now = MON + DAY;
        return List.of(
                prediction(V1, now, pads(12.0, 2_000.0), null, lv("WEAK", 0.4), 91.0),
                prediction(V2, now, pads(90.0, 600.0), null, lv("GOOD", 0.02), 85.0),
                prediction(V3, now - 10 * DAY, pads(5.0, 100.0), null, lv("REPLACE", 0.8), 97.0),
                prediction(V3, now, pads(200.0, 9_000.0), null, null, 96.0),
                prediction(V4, now, pads(300.0, 20_000.0), pads(25.0, 4_000.0), lv("GOOD", 0.6), 99.0),
                prediction(V5, now, pads(3.0, 150.0), null, null, null));
    }

    private static HealthPrediction prediction(String vin, long asOf, HealthPrediction.AxleWear front,
                                               HealthPrediction.AxleWear rear, HealthPrediction.LowVoltageBattery lv,
                                               Double soh) {
        return new HealthPrediction(1, vin, asOf, 40_000.0, new HealthPrediction.BrakePads(front, rear), lv,
                soh == null ? null : new HealthPrediction.TractionBattery(soh, 1.0, null, null, 0.6));
    }

    private static HealthPrediction.AxleWear pads(Double days, Double km) {
        return new HealthPrediction.AxleWear(70, km, days, 0.8);
    }

    private static HealthPrediction.LowVoltageBattery lv(String state, double risk) {
        return new HealthPrediction.LowVoltageBattery(state, 12.2, risk);
    }

    private static final long COOLANT_START = MON + 10 * 3_600_000L;
    private static final long BATTERY_START = MON + 11 * 3_600_000L;

    private static List<Alert> alerts() {
        return List.of(
                alert(V1, AlertKind.COOLANT_OVERHEAT, Severity.WARNING, AlertState.OPEN, COOLANT_START, COOLANT_START),
                alert(V1, AlertKind.COOLANT_OVERHEAT, Severity.CRITICAL, AlertState.ESCALATED, COOLANT_START,
                        COOLANT_START + 2 * MIN),
                alert(V1, AlertKind.COOLANT_OVERHEAT, Severity.CRITICAL, AlertState.RESOLVED, COOLANT_START,
                        COOLANT_START + 30 * MIN),
                alert(V2, AlertKind.LOW_12V_BATTERY, Severity.WARNING, AlertState.OPEN, BATTERY_START, BATTERY_START),
                alert(V3, AlertKind.BRAKE_PADS_WORN, Severity.INFO, AlertState.OPEN, MON + DAY + MIN, MON + DAY + MIN));
    }

    private static Alert alert(String vin, AlertKind kind, Severity severity, AlertState state, long start, long at) {
        return new Alert(1, Alert.alertId(vin, kind, start), vin, kind, severity, state, at, at + 500, Map.of(), null);
    }

    private static List<ServiceOffer> offers() {
        List<ServiceOffer> offers = new ArrayList<>();
        String coolant = Alert.alertId(V1, AlertKind.COOLANT_OVERHEAT, COOLANT_START);
        String battery = Alert.alertId(V2, AlertKind.LOW_12V_BATTERY, BATTERY_START);
        // Held first (quiet hours), then sent 5 minutes after the alert opened.
        offers.add(offer("alert-offer-1", "owner-1", V1, Decision.HELD, Tier.MID, "", "", coolant, COOLANT_START,
                COOLANT_START + MIN));
        offers.add(offer("alert-offer-1", "owner-1", V1, Decision.SENT, Tier.MID, "", "", coolant, COOLANT_START,
                COOLANT_START + 5 * MIN));
        offers.add(offer("alert-offer-2", "owner-1", V2, Decision.SENT, Tier.MID, "", "", battery, BATTERY_START,
                BATTERY_START + 65 * MIN));
        offers.add(offer("alert-offer-3", "owner-1", V2, Decision.SENT, Tier.MID, "", "", battery, BATTERY_START,
                BATTERY_START + 90 * MIN));
        for (Funnel.Offer f : Funnel.OFFERS) {
            offers.add(offer(f.id(), f.ownerId(), V4, f.suppressed() ? Decision.SUPPRESSED : Decision.SENT, f.tier(),
                    f.experiment(), f.variant(), "pred-" + f.id(), MON, MON + 2 * DAY));
        }
        return offers;
    }

    private static ServiceOffer offer(String id, String owner, String vin, Decision decision, Tier tier,
                                      String experiment, String variant, String triggerId, long triggerTime,
                                      long decidedAt) {
        return new ServiceOffer(1, id, owner, vin, "BRAKE_PADS_FRONT", decision, null, Channel.WECOM, tier,
                Lifecycle.ACTIVE, experiment, variant, "tpl", "zh-CN", "t", "b", "u",
                triggerId.startsWith("pred-") ? ServiceOffer.TRIGGER_HEALTH : ServiceOffer.TRIGGER_ALERT, triggerId,
                triggerTime, decidedAt, null);
    }

    private static List<OfferEvent> offerEvents() {
        List<OfferEvent> events = new ArrayList<>();
        for (Funnel.Offer f : Funnel.OFFERS) {
            for (OfferEventType type : f.events()) {
                events.add(new OfferEvent(1, f.id() + "/" + type, f.id(), f.ownerId(), type, MON + 3 * DAY,
                        Channel.WECOM, Map.of()));
            }
        }
        return events;
    }

    /** V1 on 2025-11-24 from 07:00 to 10:00 at 1 Hz. */
    private static List<TelemetryRow> telemetry() {
        List<TelemetryRow> rows = new ArrayList<>();
        for (long s = 7 * 3600; s < 10 * 3600; s++) {
            rows.add(new TelemetryRow(V1, s, MON + s * 1000, MON + s * 1000 + 200, "gw",
                    Map.of("Vehicle.Speed", 80.0, "Vehicle.Powertrain.CombustionEngine.ECT", 90.0)));
        }
        return rows;
    }
}
