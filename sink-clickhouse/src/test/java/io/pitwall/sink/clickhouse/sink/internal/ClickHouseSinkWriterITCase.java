package io.pitwall.sink.clickhouse.sink.internal;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.junit.RealClickHouseExtension;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.schema.SchemaMigrator;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import io.pitwall.sink.clickhouse.sink.RowEncoder;
import io.pitwall.sink.clickhouse.tables.AlertRowEncoder;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import io.pitwall.sink.clickhouse.tables.TelemetryRowEncoder;
import io.pitwall.sink.clickhouse.testing.DirectWriter;
import io.pitwall.sink.clickhouse.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.clickhouse.data.format.BinaryStreamUtils.writeVarInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer's failure handling and concurrency against a real ClickHouse, without a Flink job. */
@ExtendWith(RealClickHouseExtension.class)
class ClickHouseSinkWriterITCase {

    private static ClickHouseSettings settings;

    @BeforeAll
    static void migrate(ClickHouseServer clickHouse) {
        settings = ClickHouseSettings.of(clickHouse.httpUrl());
        new SchemaMigrator(settings).migrate();
    }

    @Test
    void rowsTheServerCannotParseAreIsolatedIntoDeadLettersAndTheRestIsWritten(ClickHouseServer clickHouse)
            throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String vin = String.format("LSVAU2180N2%06d", i);
            alerts.add(Fixtures.alert(vin, AlertKind.LOW_12V_BATTERY, Severity.WARNING, AlertState.OPEN,
                    Fixtures.T0 + i, Fixtures.T0 + i));
        }
        Set<String> corrupt = Set.of(alerts.get(3).vin(), alerts.get(117).vin(), alerts.get(118).vin());
        ClickHouseSinkOptions options = ClickHouseSinkOptions.DEFAULTS.withMaxBatchRows(64).withMaxInFlightInserts(2);

        try (ClickHouseSinkWriter<Alert> writer = DirectWriter.open(settings, "alerts",
                new CorruptingEncoder(corrupt), options)) {
            for (Alert alert : alerts) {
                writer.write(alert, null);
            }
            writer.flush(true);
            assertThat(writer.metrics().deadLettered.getCount()).isEqualTo(3);
            assertThat(writer.metrics().rowsWritten.getCount()).isEqualTo(197);
            assertThat(writer.metrics().failures.getCount()).isZero();
        }
        assertThat(clickHouse.query("SELECT count() FROM pitwall.alerts FINAL WHERE kind = 'LOW_12V_BATTERY'").strip())
                .isEqualTo("197");
        assertThat(clickHouse.query("SELECT target_table, error_code, length(row_bytes) > 0, columns[1] "
                + "FROM pitwall.dead_letters FORMAT TabSeparated").strip().split("\n"))
                .hasSize(3).containsOnly("pitwall.alerts\t33\t1\talert_id");
    }

    @Test
    void aMissingTableFailsLoudlyAtTheNextFlushWithoutRetrying() throws Exception {
        try (ClickHouseSinkWriter<Alert> writer = DirectWriter.open(settings, "no_such_table", new AlertRowEncoder(),
                ClickHouseSinkOptions.DEFAULTS.withMaxRetryTime(Duration.ofMinutes(1)))) {
            writer.write(Fixtures.alert(Fixtures.VIN, AlertKind.DTC_NEW, Severity.INFO, AlertState.OPEN,
                    Fixtures.T0, Fixtures.T0), null);
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("pitwall.no_such_table")
                    .hasMessageContaining("after 1 attempt");
            assertThat(writer.metrics().retries.getCount()).isZero();
            assertThat(writer.metrics().failures.getCount()).isEqualTo(1);
        }
    }

    @Test
    void aFlushReturnsOnlyWhenEveryConcurrentInsertHasLanded(ClickHouseServer clickHouse) throws Exception {
        String vin = "LSVAU2180N2185555";
        try (ClickHouseSinkWriter<TelemetryRow> writer = DirectWriter.open(settings, "telemetry",
                new TelemetryRowEncoder(), ClickHouseSinkOptions.DEFAULTS.withMaxBatchRows(250).withMaxInFlightInserts(4))) {
            for (int i = 0; i < 5_000; i++) {
                writer.write(new TelemetryRow(vin, i, Fixtures.T0 + i * 1000L, Fixtures.T0, "gw",
                        Map.of("Vehicle.Speed", 50.0)), null);
            }
            writer.flush(false);
            assertThat(clickHouse.query("SELECT count() FROM pitwall.telemetry WHERE vin = '" + vin + "'").strip())
                    .isEqualTo("5000");
            assertThat(writer.metrics().batchesWritten.getCount()).isEqualTo(20);
            assertThat(writer.metrics().insertLatencyMillis.getCount()).isEqualTo(20);
        }
    }

    /** Writes a string length no row can have in place of the alert id of the chosen vehicles. */
    private static final class CorruptingEncoder implements RowEncoder<Alert> {
        private static final long serialVersionUID = 1L;
        private final AlertRowEncoder delegate = new AlertRowEncoder();
        private final Set<String> corruptVins;

        CorruptingEncoder(Set<String> corruptVins) {
            this.corruptVins = corruptVins;
        }

        @Override
        public int encode(Alert alert, OutputStream out) throws IOException {
            if (corruptVins.contains(alert.vin())) {
                writeVarInt(out, 1 << 30);
                out.write(new byte[] {1, 2, 3});
                return 1;
            }
            return delegate.encode(alert, out);
        }

        @Override
        public List<String> columns() {
            return delegate.columns();
        }
    }
}
