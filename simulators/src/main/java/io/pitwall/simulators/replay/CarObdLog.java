package io.pitwall.simulators.replay;

import io.pitwall.contracts.telemetry.Sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A real OBD-II log in the carOBD CSV format (header names ending in {@code " ()"}, a trailing
 * comma on every row, rows repeated while the logger waits for fresh PIDs, and only an engine
 * run-time counter for time), mapped onto VSS signals. It gives the rows timestamps: rows that
 * share a run-time second are spread evenly over the time until the next counter value.
 */
public final class CarObdLog {

    static final String RUN_TIME = "ENGINE_RUN_TINE";
    private static final Map<String, String> VSS = Map.ofEntries(
            Map.entry("VEHICLE_SPEED", "Vehicle.Speed"),
            Map.entry("ENGINE_RPM", "Vehicle.Powertrain.CombustionEngine.Speed"),
            Map.entry("COOLANT_TEMPERATURE", "Vehicle.Powertrain.CombustionEngine.ECT"),
            Map.entry("ENGINE_LOAD", "Vehicle.OBD.EngineLoad"),
            Map.entry("THROTTLE", "Vehicle.OBD.ThrottlePosition"),
            Map.entry("INTAKE_AIR_TEMP", "Vehicle.OBD.IntakeTemp"),
            Map.entry("CONTROL_MODULE_VOLTAGE", "Vehicle.LowVoltageBattery.CurrentVoltage"),
            Map.entry("FUEL_TANK", "Vehicle.OBD.FuelLevel"),
            Map.entry("ENGINE_RUN_TINE", "Vehicle.OBD.RunTime"),
            Map.entry("ENGINE_RUN_TIME", "Vehicle.OBD.RunTime"),
            Map.entry("LONG_TERM_FUEL_TRIM_BANK_1", "Vehicle.OBD.LongTermFuelTrim1"),
            Map.entry("SHORT_TERM_FUEL_TRIM_BANK_1", "Vehicle.OBD.ShortTermFuelTrim1"),
            Map.entry("INTAKE_MANIFOLD_PRESSURE", "Vehicle.OBD.MAP"),
            Map.entry("ABSOLUTE_THROTTLE_B", "Vehicle.OBD.ThrottlePositionB"),
            Map.entry("PEDAL_D", "Vehicle.OBD.AcceleratorPositionD"),
            Map.entry("PEDAL_E", "Vehicle.OBD.AcceleratorPositionE"),
            Map.entry("COMMANDED_THROTTLE_ACTUATOR", "Vehicle.OBD.ThrottleActuator"),
            Map.entry("FUEL_AIR_COMMANDED_EQUIV_RATIO", "Vehicle.OBD.CommandedEquivalenceRatio"),
            Map.entry("ABSOLUTE_BAROMETRIC_PRESSURE", "Vehicle.OBD.BarometricPressure"),
            Map.entry("RELATIVE_THROTTLE_POSITION", "Vehicle.OBD.RelativeThrottlePosition"),
            Map.entry("TIMING_ADVANCE", "Vehicle.OBD.TimingAdvance"),
            Map.entry("CATALYST_TEMPERATURE_BANK1_SENSOR1", "Vehicle.OBD.Catalyst.Bank1.Temperature1"),
            Map.entry("CATALYST_TEMPERATURE_BANK1_SENSOR2", "Vehicle.OBD.Catalyst.Bank1.Temperature2"),
            Map.entry("COMMANDED_EVAPORATIVE_PURGE", "Vehicle.OBD.CommandedEVAP"),
            Map.entry("TIME_RUN_WITH_MIL_ON", "Vehicle.OBD.RunTimeMIL"),
            Map.entry("TIME_SINCE_TROUBLE_CODES_CLEARED", "Vehicle.OBD.TimeSinceDTCCleared"),
            Map.entry("DISTANCE_TRAVELED_WITH_MIL_ON", "Vehicle.OBD.DistanceWithMIL"),
            Map.entry("WARM_UPS_SINCE_CODES_CLEARED", "Vehicle.OBD.WarmupsSinceDTCClear"));

    /** One CSV row: the engine run-time counter and the row's signals by VSS path. */
    public record Row(double runSeconds, Map<String, Double> signals) {
    }

    private final Path source;
    private final List<String> columns;
    private final List<Row> rows;
    private final int skippedRows;

    private CarObdLog(Path source, List<String> columns, List<Row> rows, int skippedRows) {
        this.source = source;
        this.columns = columns;
        this.rows = rows;
        this.skippedRows = skippedRows;
    }

    /** Reads a carOBD-format CSV; rows with the wrong number of values or non-numbers are skipped and counted. */
    public static CarObdLog read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OBD log " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty; a carOBD log starts with a header row such as 'ENGINE_RUN_TINE (),ENGINE_RPM (),...'");
        }
        List<String> columns = new ArrayList<>();
        for (String name : lines.get(0).split(",")) {
            String clean = name.strip().replaceFirst("\\s*\\(\\)$", "").strip();
            if (!clean.isEmpty()) {
                columns.add(clean);
            }
        }
        int runTime = columns.indexOf(RUN_TIME) >= 0 ? columns.indexOf(RUN_TIME) : columns.indexOf("ENGINE_RUN_TIME");
        if (runTime < 0) {
            throw new IllegalArgumentException(file + " has no ENGINE_RUN_TINE () column; its header is " + columns);
        }
        List<String> paths = columns.stream().map(CarObdLog::vssPath).toList();
        List<Row> rows = new ArrayList<>();
        int skipped = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != columns.size()) {
                skipped++;
                continue;
            }
            Map<String, Double> signals = new LinkedHashMap<>();
            double run;
            try {
                for (int c = 0; c < cells.length; c++) {
                    double v = Double.parseDouble(cells[c].strip());
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException("not finite");
                    }
                    signals.put(paths.get(c), v);
                }
                run = Double.parseDouble(cells[runTime].strip());
            } catch (NumberFormatException e) {
                skipped++;
                continue;
            }
            rows.add(new Row(run, signals));
        }
        return new CarObdLog(file, List.copyOf(columns), List.copyOf(rows), skipped);
    }

    /** The VSS path a column maps to; columns not in the table become {@code Vehicle.OBD.<CamelCase>}, stored but not analysed. */
    public static String vssPath(String column) {
        String known = VSS.get(column);
        if (known != null) {
            return known;
        }
        StringBuilder camel = new StringBuilder("Vehicle.OBD.");
        for (String part : column.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!part.isEmpty()) {
                camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return camel.toString();
    }

    public Path source() {
        return source;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    public int skippedRows() {
        return skippedRows;
    }

    /** Seconds the log covers: the run-time counter's advance, summed over engine restarts. */
    public double durationSeconds() {
        double[] offsets = runOffsets(rows);
        return rows.isEmpty() ? 0 : offsets[rows.size() - 1] + rows.get(rows.size() - 1).runSeconds() + 1;
    }

    /**
     * The log as samples starting at {@code startMillis} with seq from {@code firstSeq}. Without
     * {@code keepRepeats}, a row identical to the one before it (the logger repeating itself) is
     * dropped. The odometer ({@code Vehicle.TraveledDistance}) is integrated from the speed,
     * starting at {@code odometerKm}.
     */
    public List<Sample> samples(long startMillis, long firstSeq, boolean keepRepeats, double odometerKm) {
        double[] offsets = runOffsets(rows);
        double[] seconds = new double[rows.size()];
        int i = 0;
        while (i < rows.size()) {
            int j = i;
            while (j < rows.size() && rows.get(j).runSeconds() == rows.get(i).runSeconds() && offsets[j] == offsets[i]) {
                j++;
            }
            double from = offsets[i] + rows.get(i).runSeconds();
            double to = j < rows.size() ? offsets[j] + rows.get(j).runSeconds() : from + 1;
            if (to <= from) {
                to = from + 1;
            }
            for (int k = i; k < j; k++) {
                seconds[k] = from + (to - from) * (k - i) / (j - i);
            }
            i = j;
        }
        List<Sample> samples = new ArrayList<>();
        long seq = firstSeq;
        double odometer = odometerKm;
        double lastSeconds = 0;
        double lastSpeed = 0;
        Map<String, Double> previous = null;
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Double> signals = rows.get(r).signals();
            double speed = signals.getOrDefault("Vehicle.Speed", 0.0);
            if (r > 0) {
                odometer += (speed + lastSpeed) / 2 * (seconds[r] - lastSeconds) / 3600;
            }
            lastSeconds = seconds[r];
            lastSpeed = speed;
            if (!keepRepeats && signals.equals(previous)) {
                continue;
            }
            previous = signals;
            Map<String, Double> out = new LinkedHashMap<>(signals);
            out.put("Vehicle.TraveledDistance", Math.round(odometer * 1000) / 1000.0);
            samples.add(new Sample(seq++, startMillis + Math.round(seconds[r] * 1000), out));
        }
        return samples;
    }

    /** Adds the previous run's length whenever the run-time counter starts again (the engine was restarted). */
    private static double[] runOffsets(List<Row> rows) {
        double[] offsets = new double[rows.size()];
        double offset = 0;
        double lastRun = 0;
        for (int i = 0; i < rows.size(); i++) {
            double run = rows.get(i).runSeconds();
            if (i > 0 && run < lastRun) {
                offset += lastRun + 1;
            }
            offsets[i] = offset;
            lastRun = run;
        }
        return offsets;
    }

    @Override
    public String toString() {
        return source + " (" + rows.size() + " rows, " + skippedRows + " skipped, " + Math.round(durationSeconds()) + " s)";
    }
}
