package io.pitwall.sink.clickhouse.bench;

import io.pitwall.localservices.ClickHouseServer;
import io.pitwall.sink.clickhouse.ClickHouseSettings;
import io.pitwall.sink.clickhouse.cookbook.Cookbook;
import io.pitwall.sink.clickhouse.schema.SchemaMigrator;
import io.pitwall.sink.clickhouse.sink.ClickHouseSink;
import io.pitwall.sink.clickhouse.sink.ClickHouseSinkOptions;
import io.pitwall.sink.clickhouse.tables.TelemetryColumns;
import io.pitwall.sink.clickhouse.tables.TelemetryRow;
import io.pitwall.sink.clickhouse.tables.TelemetryRowEncoder;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Measures, against a private ClickHouse started for the run: (1) the sink's sustained rows/s into
 * {@code telemetry} next to {@code clickhouse-client} inserting the same rows in Native format into
 * the same table, alternating runs; (2) bytes per sample on disk and query-5 latency for the wide
 * layout and two alternatives, with 10 million rows (116 vehicles x one day at 1 Hz).
 *
 * <pre>
 * cd /work/main
 * mvn -B -o -q -pl sink-clickhouse test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx3g -cp sink-clickhouse/target/test-classes:sink-clickhouse/target/classes:$(cat sink-clickhouse/target/bench.cp) \
 *     io.pitwall.sink.clickhouse.bench.TelemetryBenchmark --sink-rows 3000000 --q5-rows 10022400 --rounds 5
 * </pre>
 * Options: {@code --sink-rows} (0 skips the insert comparison), {@code --q5-rows} (0 skips the
 * layout and query-5 part), {@code --rounds}, {@code --work-dir} (default {@code target/bench}).
 */
public final class TelemetryBenchmark {

    private static final long DAY_START = 1_763_942_400L; // 2025-11-24 00:00:00 UTC
    private static final int VEHICLES = 116;

    private final ClickHouseServer server;
    private final ClickHouseSettings settings;
    private final Path workDir;

    private TelemetryBenchmark(ClickHouseServer server, Path workDir) {
        this.server = server;
        this.settings = ClickHouseSettings.of(server.httpUrl());
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long sinkRows = Long.parseLong(opts.getOrDefault("sink-rows", "2000000"));
        long q5Rows = Long.parseLong(opts.getOrDefault("q5-rows", "10022400"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "2"));
        Path workDir = Path.of(opts.getOrDefault("work-dir", "target/bench")).toAbsolutePath();
        try (ClickHouseServer server = ClickHouseServer.start(workDir.resolve("clickhouse"))) {
            TelemetryBenchmark bench = new TelemetryBenchmark(server, workDir);
            new SchemaMigrator(bench.settings).migrate();
            System.out.println("ClickHouse " + server.query("SELECT version()").strip() + " at " + server.httpUrl()
                    + "; " + Runtime.getRuntime().availableProcessors() + " cores");
            if (sinkRows > 0) {
                bench.insertThroughput(sinkRows, rounds);
            }
            if (q5Rows > 0) {
                bench.layoutsAndQuery5(q5Rows);
            }
        }
    }

    // ---------------------------------------------------------------- insert throughput

    private void insertThroughput(long rows, int rounds) throws Exception {
        runSink(Math.min(rows, 200_000)); // warm-up: JIT, connection pool, first parts
        truncate();
        Path native_ = workDir.resolve("telemetry.native");
        List<Double> sink = new ArrayList<>();
        List<Double> client = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            truncate();
            double sinkSeconds = runSink(rows);
            check(rows);
            sink.add(rows / sinkSeconds);
            if (round == 1) {
                exportNative(native_);
            }
            truncate();
            double clientSeconds = clientInsert(native_);
            check(rows);
            client.add(rows / clientSeconds);
            System.out.printf(Locale.ROOT, "round %d: sink %.2f s = %,.0f rows/s (first row to end of job; job start "
                            + "before it %.2f s) | clickhouse-client Native %.2f s = %,.0f rows/s (process start included)%n",
                    round, sinkSeconds, rows / sinkSeconds, lastJobStartSeconds, clientSeconds, rows / clientSeconds);
        }
        double bestSink = sink.stream().mapToDouble(d -> d).max().orElseThrow();
        double bestClient = client.stream().mapToDouble(d -> d).max().orElseThrow();
        double medianSink = median(sink.stream().mapToDouble(d -> d).toArray());
        double medianClient = median(client.stream().mapToDouble(d -> d).toArray());
        System.out.printf(Locale.ROOT, "RESULT insert: %,d rows x %d rounds; median: sink %,.0f rows/s, clickhouse-client"
                        + " %,.0f rows/s -> %.0f %%; best: sink %,.0f, clickhouse-client %,.0f -> %.0f %%; Native file %,d bytes;"
                        + " load average %s%n", rows, rounds, medianSink, medianClient, 100 * medianSink / medianClient,
                bestSink, bestClient, 100 * bestSink / bestClient, Files.size(native_), loadAverage());
        Files.deleteIfExists(native_);
        truncate();
    }

    private double runSink(long rows) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().enableObjectReuse();
        env.fromSequence(0, rows - 1)
                .map(new Sample())
                .sinkTo(ClickHouseSink.<TelemetryRow>builder().settings(settings).table("telemetry")
                        .encoder(new FirstRowClock())
                        .options(ClickHouseSinkOptions.DEFAULTS.withMaxBatchRows(250_000).withMaxBatchBytes(64L << 20)
                                .withMaxInFlightInserts(2))
                        .build());
        FirstRowClock.FIRST_ROW_NANOS.set(0);
        long submitted = System.nanoTime();
        env.execute("telemetry-sink-benchmark");
        long finished = System.nanoTime();
        lastJobStartSeconds = (FirstRowClock.FIRST_ROW_NANOS.get() - submitted) / 1e9;
        return (finished - FirstRowClock.FIRST_ROW_NANOS.get()) / 1e9;
    }

    private double lastJobStartSeconds;

    /**
     * The telemetry encoder, noting when the first row reaches the sink: the sink's time runs from
     * there to the end of the job (last flush included), leaving out job submission and deployment,
     * which a long-running job pays once. The MiniCluster runs in this JVM, so a static is shared.
     */
    static final class FirstRowClock implements io.pitwall.sink.clickhouse.sink.RowEncoder<TelemetryRow> {
        private static final long serialVersionUID = 1L;
        static final java.util.concurrent.atomic.AtomicLong FIRST_ROW_NANOS = new java.util.concurrent.atomic.AtomicLong();
        private final TelemetryRowEncoder delegate = new TelemetryRowEncoder();

        @Override
        public int encode(TelemetryRow row, java.io.OutputStream out) throws IOException {
            if (FIRST_ROW_NANOS.get() == 0) {
                FIRST_ROW_NANOS.compareAndSet(0, System.nanoTime());
            }
            return delegate.encode(row, out);
        }

        @Override
        public List<String> columns() {
            return delegate.columns();
        }
    }

    private void exportNative(Path file) throws Exception {
        run(List.of("clickhouse-client", "--port", String.valueOf(server.tcpPort()), "--query",
                "SELECT " + String.join(", ", new TelemetryRowEncoder().columns()) + " FROM pitwall.telemetry FORMAT Native"),
                null, file);
    }

    private double clientInsert(Path file) throws Exception {
        long started = System.nanoTime();
        run(List.of("clickhouse-client", "--port", String.valueOf(server.tcpPort()), "--query",
                "INSERT INTO pitwall.telemetry (" + String.join(", ", new TelemetryRowEncoder().columns())
                        + ") FORMAT Native"), file, null);
        return (System.nanoTime() - started) / 1e9;
    }

    private void check(long rows) throws IOException {
        long count = Long.parseLong(server.query("SELECT count() FROM pitwall.telemetry").strip());
        if (count != rows) {
            throw new IllegalStateException("expected " + rows + " rows, found " + count);
        }
    }

    private void truncate() throws IOException {
        server.query("TRUNCATE TABLE pitwall.telemetry");
        server.query("TRUNCATE TABLE pitwall.telemetry_hourly");
    }

    /**
     * A car's sample as the gateway delivers it: an ICE or EV set of signals, some at lower rates.
     * The signal maps are built once and reused in turn, so the source costs little and the run
     * measures the sink (encoding, batching, HTTP) rather than the generator.
     */
    public static final class Sample extends RichMapFunction<Long, TelemetryRow> {
        private static final long serialVersionUID = 1L;
        private static final int SHAPES = 4096;
        private transient String[] vins;
        private transient Map<String, Double>[] shapes;

        @Override
        @SuppressWarnings("unchecked")
        public void open(OpenContext context) {
            vins = new String[VEHICLES];
            for (int v = 0; v < VEHICLES; v++) {
                vins[v] = String.format("LSVBENCH0N2%06d", 100_000 + v);
            }
            shapes = new Map[SHAPES];
            for (int i = 0; i < SHAPES; i++) {
                shapes[i] = signals(i % VEHICLES, i / VEHICLES * 7L + i % 13, i);
            }
        }

        @Override
        public TelemetryRow map(Long n) {
            int v = (int) (n % VEHICLES);
            long t = n / VEHICLES;
            long tsMillis = (DAY_START + t) * 1000 + (v * 7L) % 1000;
            return new TelemetryRow(vins[v], t, tsMillis, tsMillis + 150, "gw-1", shapes[(int) (n % SHAPES)]);
        }

        private static Map<String, Double> signals(int v, long t, long n) {
            boolean ev = v % 2 == 1;
            double phase = t / 240.0 + v;
            double speed = Math.max(0, Math.round((50 + 45 * Math.sin(phase)) * 10) / 10.0);
            Map<String, Double> s = new HashMap<>(32);
            s.put("Vehicle.Speed", speed);
            s.put("Vehicle.TraveledDistance", 10_000 + v * 1500 + t * 0.0139);
            s.put("Vehicle.CurrentLocation.Latitude", 31.2 + 0.05 * Math.sin(t / 3000.0 + v));
            s.put("Vehicle.CurrentLocation.Longitude", 121.4 + 0.05 * Math.cos(t / 3000.0 + v));
            s.put("Vehicle.Acceleration.Longitudinal", Math.round(80 * Math.cos(phase)) / 100.0);
            s.put("Vehicle.Exterior.AirTemperature", 12.0);
            s.put("Vehicle.LowVoltageBattery.CurrentVoltage", 13.8 + (n % 10) / 100.0);
            if (ev) {
                s.put("Vehicle.Powertrain.TractionBattery.CurrentVoltage", 380.0);
                s.put("Vehicle.Powertrain.TractionBattery.CurrentCurrent", speed * 1.5);
                s.put("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current", 90 - t / 1500.0);
                s.put("Vehicle.Powertrain.TractionBattery.Temperature.Average", 28.0);
            } else {
                s.put("Vehicle.Powertrain.CombustionEngine.Speed", 800 + speed * 35);
                s.put("Vehicle.Powertrain.CombustionEngine.ECT", 88.0);
                s.put("Vehicle.Powertrain.CombustionEngine.EOP", 250 + speed);
                s.put("Vehicle.OBD.EngineLoad", 20 + speed / 2);
                s.put("Vehicle.OBD.ThrottlePosition", 10 + speed * 0.6);
                s.put("Vehicle.OBD.FuelLevel", 80 - t / 2000.0);
            }
            if (n % 10 == 0) {
                s.put("Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", 230.0 + v % 10);
                s.put("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", 235.0 + v % 10);
            }
            if (n % 600 == 0) {
                s.put("Vehicle.Cabin.HVAC.AmbientAirTemperature", 21.5);
            }
            return s;
        }
    }

    // ---------------------------------------------------------------- layouts and query 5

    private void layoutsAndQuery5(long rows) throws Exception {
        truncate();
        long started = System.nanoTime();
        server.query(resource("generate_telemetry.sql").replace("${table}", "pitwall.telemetry")
                .replace("${day_start}", String.valueOf(DAY_START)).replace("${vehicles}", String.valueOf(VEHICLES))
                .replace("${rows}", String.valueOf(rows)).strip().replaceAll(";$", ""));
        System.out.printf(Locale.ROOT, "generated %,d rows in %.1f s (INSERT SELECT inside the server)%n", rows,
                (System.nanoTime() - started) / 1e9);
        server.query("CREATE DATABASE IF NOT EXISTS bench");
        for (String ddl : resource("layouts.sql").split(";")) {
            if (!ddl.isBlank()) {
                server.query(ddl);
            }
        }
        List<String> signals = new ArrayList<>(TelemetryColumns.SIGNAL_COLUMNS.values());
        String base = "vin, seq, ts, ts_ms, received_at_ms, gateway_id";
        server.query("INSERT INTO bench.telemetry_nan SELECT " + base + ", "
                + signals.stream().map(c -> "ifNull(" + c + ", nan)").collect(Collectors.joining(", "))
                + ", other_signal_names, other_signal_values FROM pitwall.telemetry");
        String values = "[" + signals.stream().map(c -> "toNullable(toFloat64(" + c + "))").collect(Collectors.joining(", ")) + "]";
        server.query("INSERT INTO bench.telemetry_arrays SELECT " + base
                + ", arrayFilter((i, x) -> isNotNull(x), arrayEnumerate(vs), vs) AS signal_ids"
                + ", arrayMap(x -> assumeNotNull(x), arrayFilter(x -> isNotNull(x), vs)) AS signal_values"
                + ", other_signal_names, other_signal_values FROM (SELECT *, " + values + " AS vs FROM pitwall.telemetry)");
        for (String table : List.of("pitwall.telemetry", "bench.telemetry_nan", "bench.telemetry_arrays")) {
            server.query("OPTIMIZE TABLE " + table + " FINAL");
        }

        String vin = "LSVBENCH0N2100042";
        Map<String, String> q5 = new java.util.LinkedHashMap<>();
        q5.put("pitwall.telemetry", Cookbook.bind(Cookbook.sql("q5_vin_signal_history"), Map.of("vin", vin,
                "from", "2025-11-24 00:00:00", "to", "2025-11-25 00:00:00")));
        q5.put("bench.telemetry_nan", "SELECT * FROM bench.telemetry_nan FINAL WHERE vin = '" + vin
                + "' AND ts >= '2025-11-24 00:00:00' AND ts < '2025-11-25 00:00:00' ORDER BY ts_ms");
        q5.put("bench.telemetry_arrays", "SELECT * FROM bench.telemetry_arrays FINAL WHERE vin = '" + vin
                + "' AND ts >= '2025-11-24 00:00:00' AND ts < '2025-11-25 00:00:00' ORDER BY ts_ms");
        for (Map.Entry<String, String> e : q5.entrySet()) {
            String[] db = e.getKey().split("\\.");
            String parts = server.query("SELECT sum(rows), sum(bytes_on_disk), count() FROM system.parts WHERE active"
                    + " AND database = '" + db[0] + "' AND table = '" + db[1] + "' FORMAT TabSeparated").strip();
            String[] p = parts.split("\t");
            long r = Long.parseLong(p[0]);
            long bytes = Long.parseLong(p[1]);
            String topColumns = server.query("SELECT name, data_compressed_bytes FROM system.columns WHERE database = '"
                    + db[0] + "' AND table = '" + db[1] + "' ORDER BY data_compressed_bytes DESC LIMIT 5 FORMAT TabSeparated")
                    .strip().replace("\t", "=").replace("\n", ", ");
            double[] latencies = query5(e.getValue(), 7);
            String withoutFinal = e.getValue().replace(" FINAL", "");
            double[] plain = query5(withoutFinal, 5);
            System.out.printf(Locale.ROOT, "RESULT layout %s: %,d rows, %,d bytes on disk in %s part(s) = %.2f bytes/sample;"
                            + " q5 (86,400 rows, FINAL) cold %.0f ms, median %.0f ms; without FINAL median %.0f ms;"
                            + " largest columns: %s%n", e.getKey(), r, bytes, p[2], (double) bytes / r, latencies[0] * 1000,
                    median(Arrays.copyOfRange(latencies, 1, latencies.length)) * 1000,
                    median(Arrays.copyOfRange(plain, 1, plain.length)) * 1000, topColumns);
        }
    }

    private double[] query5(String sql, int runs) throws IOException {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            String body = server.query(sql + " FORMAT TabSeparated");
            seconds[i] = (System.nanoTime() - started) / 1e9;
            long lines = body.chars().filter(c -> c == '\n').count();
            if (lines != 86_400) {
                throw new IllegalStateException("query 5 returned " + lines + " rows, expected 86,400: " + sql);
            }
        }
        return seconds;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TelemetryBenchmark.class.getResourceAsStream("/bench/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void run(List<String> command, Path stdin, Path stdout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        if (stdout != null) {
            pb.redirectOutput(stdout.toFile());
        }
        Process process = pb.start();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(command.get(0) + " exited with " + exit);
            }
        } finally {
            process.destroy();
        }
    }
}
