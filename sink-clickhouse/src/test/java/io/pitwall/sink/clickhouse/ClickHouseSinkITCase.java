package io.pitwall.sink.clickhouse;

import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.localservices.junit.RealClickHouseExtension;
import io.pitwall.sink.clickhouse.schema.SchemaMigrator;
import io.pitwall.sink.clickhouse.sink.ClickHouseSink;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import io.pitwall.sink.clickhouse.tables.TelemetryRowEncoder;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink and the schema against a real ClickHouse server, driven by a real Flink MiniCluster. */
@ExtendWith(RealClickHouseExtension.class)
class ClickHouseSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static ClickHouseSettings settings;

    @BeforeAll
    static void migrate(ClickHouseServer clickHouse) {
        settings = ClickHouseSettings.of(clickHouse.httpUrl());
        new SchemaMigrator(settings).migrate();
    }

    @Test
    void migratingAgainAndConcurrentlyChangesNothing(ClickHouseServer clickHouse) throws Exception {
        assertThat(new SchemaMigrator(settings).migrate()).isEmpty();
        List<CompletableFuture<List<Integer>>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> new SchemaMigrator(settings).migrate()));
        }
        runs.forEach(CompletableFuture::join);
        assertThat(clickHouse.query("SELECT count() FROM pitwall.schema_migrations FINAL").strip())
                .isEqualTo(String.valueOf(io.pitwall.sink.clickhouse.schema.MigrationCatalog.load().size()));
    }

    @Test
    void writesEveryRowAndAResentBatchDoesNotDuplicateWhatAnalystsRead(ClickHouseServer clickHouse) throws Exception {
        List<TelemetryRow> rows = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            rows.add(new TelemetryRow("LSVAU2180N2183294", i, 1_763_942_400_000L + i * 1000L, 1_763_942_500_000L, "gw",
                    Map.of("Vehicle.Speed", (double) (i % 120), "Vehicle.Custom.Flag", 1.0)));
        }
        runJob(rows);
        runJob(rows);

        // Background merges may already have folded some duplicates; FINAL folds them all.
        assertThat(Long.parseLong(clickHouse.query("SELECT count() FROM pitwall.telemetry").strip())).isBetween(2500L, 5000L);
        assertThat(clickHouse.query("SELECT count() FROM pitwall.telemetry FINAL").strip()).isEqualTo("2500");
        assertThat(clickHouse.query("SELECT sum(speed_kmh), max(seq), any(other_signal_names) FROM pitwall.telemetry FINAL"
                + " FORMAT TabSeparated").strip())
                .isEqualTo(rows.stream().mapToLong(r -> r.signals().get("Vehicle.Speed").longValue()).sum()
                        + "\t2499\t['Vehicle.Custom.Flag']");
    }

    @Test
    void everyRowArrivesExactlyOnceAcrossAThirtySecondClickHouseOutage(ClickHouseServer clickHouse) throws Exception {
        String vin = "LSVAU2180N2180030";
        long rows = 12_000;
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        env.getCheckpointConfig().setCheckpointTimeout(Duration.ofMinutes(10).toMillis());
        env.getConfig().enableObjectReuse();
        env.fromSequence(0, rows - 1)
                .map(new SlowSample(vin))
                .sinkTo(ClickHouseSink.<TelemetryRow>builder().settings(settings).table("telemetry")
                        .encoder(new TelemetryRowEncoder())
                        .options(ClickHouseSinkOptions.DEFAULTS.withMaxBatchRows(500)
                                .withMaxBatchDelay(Duration.ofMillis(200)).withMaxInFlightInserts(2)
                                .withMaxRetryTime(Duration.ofMinutes(3)))
                        .build());
        JobClient job = env.executeAsync("clickhouse-outage-it");
        long beforeOutage;
        try {
            String count = "SELECT count() FROM pitwall.telemetry WHERE vin = '" + vin + "'";
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (Long.parseLong(clickHouse.query(count).strip()) < 1_000 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            beforeOutage = Long.parseLong(clickHouse.query(count).strip());
            clickHouse.stop();
            Thread.sleep(30_000);
        } finally {
            clickHouse.restart();
        }
        job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        assertThat(beforeOutage).as("ClickHouse went away mid-stream").isBetween(1_000L, rows - 2_000);

        assertThat(clickHouse.query("SELECT count(), uniqExact(seq), min(seq), max(seq) FROM pitwall.telemetry FINAL "
                + "WHERE vin = '" + vin + "' FORMAT TabSeparated").strip())
                .isEqualTo(rows + "\t" + rows + "\t0\t" + (rows - 1));
    }

    /** About 200 samples a second per subtask, so the job is mid-stream when ClickHouse goes away. */
    private static final class SlowSample implements MapFunction<Long, TelemetryRow> {
        private static final long serialVersionUID = 1L;
        private final String vin;

        SlowSample(String vin) {
            this.vin = vin;
        }

        @Override
        public TelemetryRow map(Long i) throws Exception {
            Thread.sleep(5);
            return new TelemetryRow(vin, i, 1_763_942_400_000L + i * 1000L, 1_763_942_500_000L, "gw",
                    Map.of("Vehicle.Speed", (double) (i % 120)));
        }
    }

    private static void runJob(List<TelemetryRow> rows) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(rows)
                .sinkTo(ClickHouseSink.<TelemetryRow>builder().settings(settings).table("telemetry")
                        .encoder(new TelemetryRowEncoder())
                        .options(io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions.DEFAULTS.withMaxBatchRows(700))
                        .build());
        env.execute("clickhouse-sink-it");
    }
}
