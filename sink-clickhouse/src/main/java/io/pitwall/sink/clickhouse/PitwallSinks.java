package io.pitwall.sink.clickhouse;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.sink.clickhouse.sink.ClickHouseSink;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import io.pitwall.sink.clickhouse.sink.RowEncoder;
import io.pitwall.sink.clickhouse.tables.AlertRowEncoder;
import io.pitwall.sink.clickhouse.tables.HealthPredictionRowEncoder;
import io.pitwall.sink.clickhouse.tables.OfferEventRowEncoder;
import io.pitwall.sink.clickhouse.tables.OwnerRowEncoder;
import io.pitwall.sink.clickhouse.tables.ServiceOfferRowEncoder;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import io.pitwall.sink.clickhouse.tables.TelemetryRowEncoder;
import io.pitwall.sink.clickhouse.tables.VehicleEventRowEncoder;

/**
 * One ready-made sink per table the pipeline writes, pairing each table with its encoder so a job
 * cannot mix them up. Run {@code new SchemaMigrator(settings).migrate()} before the job starts.
 */
public final class PitwallSinks {

    public static final String TELEMETRY = "telemetry";
    public static final String VEHICLE_EVENTS = "vehicle_events";
    public static final String ALERTS = "alerts";
    public static final String HEALTH_PREDICTIONS = "health_predictions";
    public static final String OFFERS = "offers";
    public static final String OFFER_EVENTS = "offer_events";
    public static final String OWNERS = "owners";

    private PitwallSinks() {
    }

    public static ClickHouseSink<TelemetryRow> telemetry(ClickHouseSettings settings, ClickHouseSinkOptions options) {
        return sink(settings, options, TELEMETRY, new TelemetryRowEncoder());
    }

    public static ClickHouseSink<VehicleEvent> vehicleEvents(ClickHouseSettings settings, ClickHouseSinkOptions options) {
        return sink(settings, options, VEHICLE_EVENTS, new VehicleEventRowEncoder());
    }

    public static ClickHouseSink<Alert> alerts(ClickHouseSettings settings, ClickHouseSinkOptions options) {
        return sink(settings, options, ALERTS, new AlertRowEncoder());
    }

    public static ClickHouseSink<HealthPrediction> healthPredictions(ClickHouseSettings settings,
                                                                     ClickHouseSinkOptions options) {
        return sink(settings, options, HEALTH_PREDICTIONS, new HealthPredictionRowEncoder());
    }

    /** Every offer decision, sent or not. */
    public static ClickHouseSink<ServiceOffer> offers(ClickHouseSettings settings, ClickHouseSinkOptions options) {
        return sink(settings, options, OFFERS, new ServiceOfferRowEncoder());
    }

    public static ClickHouseSink<OfferEvent> offerEvents(ClickHouseSettings settings, ClickHouseSinkOptions options) {
        return sink(settings, options, OFFER_EVENTS, new OfferEventRowEncoder());
    }

    /** Owner profiles from {@code owner.profiles}, for grouping by workshop; no personal data is written. */
    public static ClickHouseSink<OwnerProfile> owners(ClickHouseSettings settings, ClickHouseSinkOptions options) {
        return sink(settings, options, OWNERS, new OwnerRowEncoder());
    }

    private static <T> ClickHouseSink<T> sink(ClickHouseSettings settings, ClickHouseSinkOptions options, String table,
                                              RowEncoder<T> encoder) {
        return ClickHouseSink.<T>builder().settings(settings).options(options).table(table).encoder(encoder).build();
    }
}
