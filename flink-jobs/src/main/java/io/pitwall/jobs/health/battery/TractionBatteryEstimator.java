package io.pitwall.jobs.health.battery;

import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.jobs.health.Alerts;
import io.pitwall.jobs.health.HealthOutputs;
import io.pitwall.jobs.input.Signals;
import io.pitwall.jobs.input.VehicleInput;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Estimates an EV's traction-battery state of health, keyed by VIN, by coulomb counting: the
 * charge that flowed while the state of charge moved by at least {@code minSocSwing} points gives
 * the capacity in Ah, times the pack's nominal voltage (VSS {@code NominalVoltage}; the window's
 * mean voltage when the car does not report it, which reads a few percent high) the capacity in
 * kWh, over the nameplate the SoH.
 * Windows are abandoned when the battery is too cold or hot (capacity reads low or high), the
 * current too high (polarisation skews the SoC), or samples are missing (more than 2 minutes apart
 * while the current varies, 15 minutes while it holds steady as when charging). The reported SoH is the
 * median of the newest 7 estimates (robust to a bad window); the fade is the least-squares slope of
 * SoH against the odometer, which projects the dates it crosses 80 % and 70 %.
 */
public final class TractionBatteryEstimator extends KeyedProcessFunction<String, VehicleInput, HealthPrediction> {

    /** Estimates the median is taken over: robust to a bad window, and at about one a day, not too slow. */
    static final int MAX_ESTIMATES = 7;
    /** Longest step integrated while the current varies (driving). */
    private static final long MAX_GAP_MILLIS = 120_000;
    /**
     * Longest step integrated while the current holds steady, as it does while charging: a device
     * reporting a charge every few minutes loses nothing to the trapezoid rule then.
     */
    private static final long MAX_STEADY_GAP_MILLIS = 900_000;
    private static final double DAY_MILLIS = 86_400_000d;

    /**
     * @param minSocSwing      SoC points a window must span (quantised SoC makes short windows noisy)
     * @param minCelsius       coldest battery temperature a window may see
     * @param maxCelsius       hottest
     * @param maxCRate         highest current as a multiple of capacity (1 C empties the battery in an hour)
     * @param warnSoh          HV_BATTERY_DEGRADED WARNING below this SoH percent
     * @param criticalSoh      ... CRITICAL below this one
     * @param minEstimates     estimates needed before the SoH is trusted enough to alert
     * @param warnDrop         HV_BATTERY_DEGRADED WARNING also when the SoH has fallen this many points
     *                         below the car's own established SoH: healthy packs lose one or two a year,
     *                         so a quick drop of five means a failing module even above 80 %
     */
    public record Settings(double minSocSwing, double minCelsius, double maxCelsius, double maxCRate,
                           double warnSoh, double criticalSoh, int minEstimates, double warnDrop)
            implements Serializable {
        public static Settings defaults() {
            return new Settings(20, 5, 45, 2.0, 80, 70, 3, 5);
        }
    }

    /** Estimates whose median becomes the car's reference SoH. */
    static final int REFERENCE_ESTIMATES = 5;

    private final Settings settings;
    private transient ValueState<TractionState> state;

    public TractionBatteryEstimator(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("traction-battery", TractionState.class));
    }

    @Override
    public void processElement(VehicleInput input, Context ctx, Collector<HealthPrediction> out) throws Exception {
        if (!input.isSample()) {
            return;
        }
        Double soc = input.signal(Signals.HV_SOC);
        Double current = input.signal(Signals.HV_CURRENT);
        Double volts = input.signal(Signals.HV_VOLTAGE);
        if (soc == null || current == null || volts == null) {
            return;
        }
        TractionState s = state.value();
        if (s == null) {
            s = new TractionState();
        }
        Double nameplate = input.signal(Signals.HV_GROSS_CAPACITY);
        if (nameplate != null && nameplate > 0) {
            s.nameplateKwh = nameplate;
        }
        Double odometer = input.signal(Signals.ODOMETER);
        if (odometer != null) {
            if (Double.isNaN(s.firstOdometer)) {
                s.firstOdometer = odometer;
                s.firstOdometerTs = input.ts;
            }
            s.lastOdometer = odometer;
        }
        if (accumulate(s, input, soc, current, volts)) {
            judge(s, input, ctx);
            out.collect(prediction(input, s));
        }
        state.update(s);
    }

    /** Adds the interval since the last sample to the window; returns true when it yielded an estimate. */
    private boolean accumulate(TractionState s, VehicleInput sample, double soc, double current, double volts) {
        Double celsius = sample.signal(Signals.HV_TEMP);
        boolean usable = celsius != null && celsius >= settings.minCelsius() && celsius <= settings.maxCelsius()
                && !Double.isNaN(s.nameplateKwh)
                && Math.abs(current) * volts / 1000 <= settings.maxCRate() * s.nameplateKwh;
        long dt = sample.ts - s.lastTs;
        boolean steady = Math.abs(current - s.lastCurrent) <= Math.max(2.0, 0.15 * Math.abs(current));
        boolean continuous = s.lastTs != -1 && dt > 0 && dt <= (steady ? MAX_STEADY_GAP_MILLIS : MAX_GAP_MILLIS);
        if (!usable || !continuous || Double.isNaN(s.windowStartSoc)) {
            restartWindow(s, sample.ts, current, usable ? soc : Double.NaN);
            return false;
        }
        double seconds = dt / 1000.0;
        s.windowAmpHours += (s.lastCurrent + current) / 2 * seconds / 3600;
        s.windowVoltSeconds += volts * seconds;
        s.windowSeconds += seconds;
        s.lastTs = sample.ts;
        s.lastCurrent = current;
        double swing = soc - s.windowStartSoc;
        if (Math.abs(swing) < settings.minSocSwing()) {
            return false;
        }
        // Discharge current is positive and lowers the SoC: capacity = -charge / swing.
        double capacityAh = -s.windowAmpHours / (swing / 100);
        // The nameplate kWh is rated at the pack's nominal voltage; the voltage seen while charging
        // runs 5-10 % above it, so the mean window voltage is only the fallback.
        Double nominal = sample.signal(Signals.HV_NOMINAL_VOLTAGE);
        double ratedVolts = nominal != null && nominal > 0 ? nominal : s.windowVoltSeconds / s.windowSeconds;
        double soh = capacityAh * ratedVolts / 1000 / s.nameplateKwh * 100;
        restartWindow(s, sample.ts, current, soc);
        if (soh <= 0 || soh > 130) {
            return false;
        }
        addEstimate(s, soh);
        return true;
    }

    private static void restartWindow(TractionState s, long ts, double current, double soc) {
        s.windowStartSoc = soc;
        s.windowAmpHours = 0;
        s.windowVoltSeconds = 0;
        s.windowSeconds = 0;
        s.lastTs = ts;
        s.lastCurrent = current;
    }

    private static void addEstimate(TractionState s, double soh) {
        double[] next = Arrays.copyOf(s.estimates, Math.min(MAX_ESTIMATES, s.estimates.length + 1));
        if (s.estimates.length == MAX_ESTIMATES) {
            System.arraycopy(s.estimates, 1, next, 0, MAX_ESTIMATES - 1);
        }
        next[next.length - 1] = soh;
        s.estimates = next;
        s.estimateCount++;
        if (s.estimateCount == REFERENCE_ESTIMATES) {
            s.referenceSoh = median(next);
        }
        if (!Double.isNaN(s.lastOdometer)) {
            double x = s.lastOdometer;
            s.n++;
            s.sumX += x;
            s.sumY += soh;
            s.sumXX += x * x;
            s.sumXY += x * soh;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** SoH points lost per 10,000 km (positive = fading), or null without a trend yet. */
    static Double fadePer10000Km(TractionState s) {
        if (s.n < 5 || s.lastOdometer - s.firstOdometer < 1000) {
            return null;
        }
        double denominator = s.n * s.sumXX - s.sumX * s.sumX;
        if (denominator <= 0) {
            return null;
        }
        double slopePerKm = (s.n * s.sumXY - s.sumX * s.sumY) / denominator;
        return -slopePerKm * 10_000;
    }

    private void judge(TractionState s, VehicleInput sample, Context ctx) {
        if (s.estimates.length < settings.minEstimates()) {
            return;
        }
        double soh = median(s.estimates);
        boolean dropped = s.estimateCount >= REFERENCE_ESTIMATES + REFERENCE_ESTIMATES
                && s.referenceSoh - soh >= settings.warnDrop();
        Severity severity = soh < settings.criticalSoh() ? Severity.CRITICAL
                : soh < settings.warnSoh() || dropped ? Severity.WARNING : null;
        if (severity == null) {
            return;
        }
        if (s.degradedSince == -1) {
            s.degradedSince = sample.ts;
            s.degradedSeverity = severity.name();
            ctx.output(HealthOutputs.ALERTS, alert(s, sample, soh, severity, AlertState.OPEN));
        } else if (severity == Severity.CRITICAL && !Severity.CRITICAL.name().equals(s.degradedSeverity)) {
            s.degradedSeverity = severity.name();
            ctx.output(HealthOutputs.ALERTS, alert(s, sample, soh, severity, AlertState.ESCALATED));
        }
    }

    private io.pitwall.contracts.alerts.Alert alert(TractionState s, VehicleInput sample, double soh,
                                                    Severity severity, AlertState alertState) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("sohPercent", round(soh));
        evidence.put("estimates", s.estimates.length);
        evidence.put("warnSohPercent", settings.warnSoh());
        evidence.put("criticalSohPercent", settings.criticalSoh());
        evidence.put("nameplateKwh", s.nameplateKwh);
        evidence.put("referenceSohPercent", Double.isNaN(s.referenceSoh) ? null : round(s.referenceSoh));
        evidence.put("warnDropPoints", settings.warnDrop());
        return Alerts.of(sample.vin, AlertKind.HV_BATTERY_DEGRADED, s.degradedSince, severity, alertState, sample.ts,
                evidence, "The traction battery holds " + Math.round(soh)
                        + " % of its original capacity; book a battery health check.");
    }

    private HealthPrediction prediction(VehicleInput sample, TractionState s) {
        double soh = median(s.estimates);
        Double fade = fadePer10000Km(s);
        double kmPerDay = kmPerDay(s, sample.ts);
        double confidence = Math.min(0.9, 0.2 + 0.1 * s.n);
        return new HealthPrediction(HealthPrediction.SCHEMA_VERSION, sample.vin, sample.ts,
                Double.isNaN(s.lastOdometer) ? null : s.lastOdometer, null, null,
                new HealthPrediction.TractionBattery(round(soh), fade == null ? null : round(fade),
                        crossingDate(soh, 80, fade, kmPerDay, sample.ts),
                        crossingDate(soh, 70, fade, kmPerDay, sample.ts), round(confidence)));
    }

    private static double kmPerDay(TractionState s, long now) {
        double days = (now - s.firstOdometerTs) / DAY_MILLIS;
        return days >= 1 && !Double.isNaN(s.firstOdometer) ? (s.lastOdometer - s.firstOdometer) / days : Double.NaN;
    }

    /** ISO date when the SoH is projected to reach {@code level}, or null without a fade or a driving rate. */
    static String crossingDate(double soh, double level, Double fadePer10000Km, double kmPerDay, long now) {
        if (soh <= level) {
            return Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate().toString();
        }
        if (fadePer10000Km == null || fadePer10000Km <= 0 || Double.isNaN(kmPerDay) || kmPerDay <= 0) {
            return null;
        }
        double km = (soh - level) / fadePer10000Km * 10_000;
        double days = Math.min(km / kmPerDay, 365.0 * 50);
        return Instant.ofEpochMilli(now + (long) (days * DAY_MILLIS)).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
