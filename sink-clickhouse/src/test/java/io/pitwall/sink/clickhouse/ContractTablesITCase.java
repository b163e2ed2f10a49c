package io.pitwall.sink.clickhouse;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.OfferEventType;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.junit.RealClickHouseExtension;
import io.pitwall.sink.clickhouse.schema.SchemaMigrator;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import io.pitwall.sink.clickhouse.tables.AlertRowEncoder;
import io.pitwall.sink.clickhouse.tables.HealthPredictionRowEncoder;
import io.pitwall.sink.clickhouse.tables.OfferEventRowEncoder;
import io.pitwall.sink.clickhouse.tables.OwnerRowEncoder;
import io.pitwall.sink.clickhouse.tables.ServiceOfferRowEncoder;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import io.pitwall.sink.clickhouse.tables.TelemetryRowEncoder;
import io.pitwall.sink.clickhouse.tables.VehicleEventRowEncoder;
import io.pitwall.sink.clickhouse.testing.DirectWriter;
import io.pitwall.sink.clickhouse.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pitwall.sink.clickhouse.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table the pipeline writes, against a real ClickHouse: rows round-trip through the encoders,
 * and the same batch written twice (a replay, a resend) shows once to analysts, in the tables read
 * with FINAL and in the rollups.
 */
@ExtendWith(RealClickHouseExtension.class)
class ContractTablesITCase {

    private static final ClickHouseSinkOptions SMALL_BATCHES = ClickHouseSinkOptions.DEFAULTS.withMaxBatchRows(7)
            .withMaxInFlightInserts(3);
    private static ClickHouseSettings settings;

    @BeforeAll
    static void migrate(ClickHouseServer clickHouse) {
        settings = ClickHouseSettings.of(clickHouse.httpUrl());
        new SchemaMigrator(settings).migrate();
    }

    @Test
    void alertsReplayedTwiceShowOnceAndRollUpPerDayByKindAndSeverity(ClickHouseServer clickHouse) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (int v = 0; v < 20; v++) {
            String vin = "LSVAU2180N21800" + String.format("%02d", v);
            long start = T0 + v * 60_000L;
            alerts.add(Fixtures.alert(vin, AlertKind.COOLANT_OVERHEAT, Severity.WARNING, AlertState.OPEN, start, start));
            alerts.add(Fixtures.alert(vin, AlertKind.COOLANT_OVERHEAT, Severity.CRITICAL, AlertState.ESCALATED, start,
                    start + 30_000));
            alerts.add(Fixtures.alert(vin, AlertKind.COOLANT_OVERHEAT, Severity.CRITICAL, AlertState.RESOLVED, start,
                    start + 90_000));
        }
        DirectWriter.write(settings, "alerts", new AlertRowEncoder(), alerts, SMALL_BATCHES);
        DirectWriter.write(settings, "alerts", new AlertRowEncoder(), alerts, SMALL_BATCHES);

        assertThat(count(clickHouse, "alerts FINAL")).isEqualTo(60);
        assertThat(clickHouse.query("SELECT uniqExact(alert_id), any(evidence) FROM pitwall.alerts FINAL "
                + "WHERE state = 'OPEN' FORMAT TabSeparated").strip())
                .startsWith("20\t{").contains("\"threshold\":115");
        assertThat(clickHouse.query("SELECT day, kind, severity, uniqExactMerge(alerts), uniqExactMerge(vehicles) "
                + "FROM pitwall.alerts_daily GROUP BY day, kind, severity ORDER BY severity FORMAT TabSeparated").strip())
                .isEqualTo("2025-11-24\tCOOLANT_OVERHEAT\tCRITICAL\t20\t20\n2025-11-24\tCOOLANT_OVERHEAT\tWARNING\t20\t20");
    }

    @Test
    void vehicleEventsKeepServiceItemsAndFoldResends(ClickHouseServer clickHouse) throws Exception {
        List<VehicleEvent> events = List.of(
                Fixtures.dtcSet(Fixtures.VIN, 10, T0, "P0217"),
                Fixtures.serviceDone(Fixtures.VIN, 11, T0 + 1000, 48_210, "BRAKE_PADS_FRONT"));
        DirectWriter.write(settings, "vehicle_events", new VehicleEventRowEncoder(), events);
        DirectWriter.write(settings, "vehicle_events", new VehicleEventRowEncoder(), events);
        assertThat(clickHouse.query("SELECT seq, type, code, service_items, service_odometer_km FROM pitwall.vehicle_events "
                + "FINAL ORDER BY seq FORMAT TabSeparated").strip())
                .isEqualTo("10\tDTC_SET\tP0217\t[]\t\\N\n11\tSERVICE_DONE\t\t['BRAKE_PADS_FRONT']\t48210");
    }

    @Test
    void healthPredictionsRoundTripWithNullPartsAndDates(ClickHouseServer clickHouse) throws Exception {
        List<HealthPrediction> predictions = List.of(
                Fixtures.full(Fixtures.VIN, T0, 71.5, 800.0, 25.0, "WEAK", 0.4, 88.0),
                Fixtures.brakePads("LSVAU2180N2180099", T0, 30, 20_000.0, 300.0));
        DirectWriter.write(settings, "health_predictions", new HealthPredictionRowEncoder(), predictions);
        DirectWriter.write(settings, "health_predictions", new HealthPredictionRowEncoder(), predictions);
        assertThat(clickHouse.query("SELECT vin, front_pad_wear_pct, front_pad_km_to_threshold, lv_battery_state, "
                + "hv_battery_soh_pct, hv_battery_date_80pct, hv_battery_date_70pct FROM pitwall.health_predictions FINAL "
                + "ORDER BY vin FORMAT TabSeparated").strip())
                .isEqualTo("LSVAU2180N2180099\t30\t20000\tGOOD\t\\N\t\\N\t\\N\n"
                        + "LSVAU2180N2183294\t71.5\t800\tWEAK\t88\t2029-03-01\t\\N");
    }

    @Test
    void offersKeepEveryDecisionOnceAndOfferEventsFoldByEventId(ClickHouseServer clickHouse) throws Exception {
        List<ServiceOffer> offers = List.of(
                Fixtures.offer("o-1", "owner-1", Fixtures.VIN, Decision.HELD, Tier.MID, "exp", "A", "a-1", T0, T0 + 10),
                Fixtures.offer("o-1", "owner-1", Fixtures.VIN, Decision.SENT, Tier.MID, "exp", "A", "a-1", T0, T0 + 20),
                Fixtures.offer("o-2", "owner-2", "LSVAU2180N2180099", Decision.BLOCKED, Tier.POTENTIAL, "exp", "B",
                        "a-2", T0, T0 + 30));
        List<OfferEvent> events = List.of(
                Fixtures.offerEvent("e-1", "o-1", "owner-1", OfferEventType.DELIVERED, T0 + 100),
                Fixtures.offerEvent("e-2", "o-1", "owner-1", OfferEventType.OPENED, T0 + 200));
        for (int i = 0; i < 2; i++) {
            DirectWriter.write(settings, "offers", new ServiceOfferRowEncoder(), offers);
            DirectWriter.write(settings, "offer_events", new OfferEventRowEncoder(), events);
        }
        assertThat(clickHouse.query("SELECT offer_id, decision, tier, variant FROM pitwall.offers FINAL "
                + "ORDER BY offer_id, decided_at_ms FORMAT TabSeparated").strip())
                .isEqualTo("o-1\tHELD\tMID\tA\no-1\tSENT\tMID\tA\no-2\tBLOCKED\tPOTENTIAL\tB");
        assertThat(clickHouse.query("SELECT event_id, type, attribute_names, attribute_values FROM pitwall.offer_events "
                + "FINAL ORDER BY event_id FORMAT TabSeparated").strip())
                .isEqualTo("e-1\tDELIVERED\t['bookingId']\t['B-1']\ne-2\tOPENED\t['bookingId']\t['B-1']");
    }

    @Test
    void ownersKeepTheNewestProfileAndMapVehiclesToWorkshops(ClickHouseServer clickHouse) throws Exception {
        var older = Fixtures.owner("owner-9", List.of("LSVAU2180N2189991"), "ws-old", "Old 4S");
        var newer = new io.pitwall.contracts.owners.OwnerProfile(1, "owner-9",
                List.of("LSVAU2180N2189991", "LSVAU2180N2189992"), 36_000, 6, null, null, Map.of(), null, null,
                "ws-new", "New 4S", null, older.updatedAt() + 1);
        DirectWriter.write(settings, "owners", new OwnerRowEncoder(), List.of(older, newer));
        DirectWriter.write(settings, "owners", new OwnerRowEncoder(), List.of(older));
        assertThat(clickHouse.query("SELECT vin, preferred_workshop_name FROM pitwall.vehicle_owners "
                + "WHERE owner_id = 'owner-9' ORDER BY vin FORMAT TabSeparated").strip())
                .isEqualTo("LSVAU2180N2189991\tNew 4S\nLSVAU2180N2189992\tNew 4S");
    }

    @Test
    void hourlyTelemetryRollupIsUnchangedByAResentBatch(ClickHouseServer clickHouse) throws Exception {
        String vin = "LSVAU2180N2187777";
        List<TelemetryRow> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rows.add(new TelemetryRow(vin, i, T0 + i * 1000L, T0 + i * 1000L + 50, "gw",
                    Map.of("Vehicle.Speed", (double) i, "Vehicle.TraveledDistance", 1000.0 + i * 0.01,
                            "Vehicle.LowVoltageBattery.CurrentVoltage", 12.0 + (i % 10) / 10.0)));
        }
        DirectWriter.write(settings, "telemetry", new TelemetryRowEncoder(), rows);
        String rollup = "SELECT hour, speed_max_kmh, round(distance_km, 2), lv_battery_min_v, coolant_max_c "
                + "FROM pitwall.telemetry_hourly_v WHERE vin = '" + vin + "' FORMAT TabSeparated";
        String once = clickHouse.query(rollup).strip();
        DirectWriter.write(settings, "telemetry", new TelemetryRowEncoder(), rows.subList(30, 90));
        assertThat(clickHouse.query(rollup).strip()).isEqualTo(once)
                .isEqualTo("2025-11-24 00:00:00\t119\t1.19\t12\t\\N");
        assertThat(count(clickHouse, "telemetry FINAL WHERE vin = '" + vin + "'")).isEqualTo(120);
    }

    private static long count(ClickHouseServer clickHouse, String from) throws Exception {
        return Long.parseLong(clickHouse.query("SELECT count() FROM pitwall." + from).strip());
    }
}
