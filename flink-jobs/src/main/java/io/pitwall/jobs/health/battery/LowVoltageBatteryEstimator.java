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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Judges each car's 12 V battery at every engine start, keyed by VIN. A crank window opens at
 * IGNITION_ON (or, for devices that send no events, at the first sample of a trip) and lasts
 * {@value #CRANK_WINDOW_MILLIS} ms: its first voltage before the engine turns is the resting
 * voltage (state of charge), its lowest is the cranking dip. From those and the air temperature
 * {@link StartRisk} gives the chance that the next start fails; LOW_12V_BATTERY is raised while
 * the car still starts, so the owner can act before it does not.
 */
public final class LowVoltageBatteryEstimator extends KeyedProcessFunction<String, VehicleInput, HealthPrediction> {

    static final long CRANK_WINDOW_MILLIS = 15_000;
    /** Samples further apart than this belong to different trips. */
    static final long TRIP_GAP_MILLIS = 120_000;
    private static final long PARKED_RESTING_MILLIS = 30 * 60_000;
    /** Above this the engine runs by itself; a starter turns it at about 200 rpm. */
    private static final double RUNNING_RPM = 400;

    /**
     * @param warnRisk     LOW_12V_BATTERY WARNING at this no-start risk
     * @param criticalRisk ... CRITICAL at this one
     * @param clearRisk    the episode ends when a start shows a risk below this
     */
    public record Settings(StartRisk model, double warnRisk, double criticalRisk, double clearRisk)
            implements Serializable {
        public static Settings defaults() {
            return new Settings(StartRisk.defaults(), 0.3, 0.6, 0.15);
        }
    }

    private final Settings settings;
    private transient ValueState<LowVoltageState> state;

    public LowVoltageBatteryEstimator(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("low-voltage-battery", LowVoltageState.class));
    }

    @Override
    public void processElement(VehicleInput input, Context ctx, Collector<HealthPrediction> out) throws Exception {
        LowVoltageState s = state.value();
        if (s == null) {
            s = new LowVoltageState();
        }
        if (input.isEvent("IGNITION_ON")) {
            openCrankWindow(s, input.ts);
        } else if (input.isEvent("IGNITION_OFF")) {
            s.ignitionOffAt = input.ts;
        } else if (input.isEvent("SERVICE_DONE") && input.serviceItems != null
                && input.serviceItems.contains("BATTERY_12V")) {
            newBattery(s, input, ctx);
            out.collect(prediction(input, s));
        } else if (input.isSample()) {
            if (onSample(s, input)) {
                judge(s, input, ctx);
                out.collect(prediction(input, s));
            }
        }
        state.update(s);
    }

    private static void openCrankWindow(LowVoltageState s, long ts) {
        s.crankWindowStart = ts;
        s.crankWindowMin = Double.NaN;
        s.engineStartedInWindow = false;
    }

    /** Returns true when a crank window closed with an engine start, i.e. there is a new judgement. */
    private boolean onSample(LowVoltageState s, VehicleInput sample) {
        Double air = sample.signal(Signals.AIR_TEMP);
        if (air != null) {
            s.airCelsius = air;
        }
        Double volts = sample.signal(Signals.LV_BATTERY_VOLTAGE);
        Double rpm = sample.signal(Signals.ENGINE_RPM);
        boolean newTrip = s.lastSampleTs == -1 || sample.ts - s.lastSampleTs > TRIP_GAP_MILLIS;
        s.lastSampleTs = sample.ts;
        if (volts == null) {
            return false;
        }
        boolean engineOff = rpm == null || rpm <= 0;
        Double speed = sample.signal(Signals.SPEED);
        if (engineOff && (speed == null || speed <= 0) && s.ignitionOffAt != -1
                && sample.ts - s.ignitionOffAt >= PARKED_RESTING_MILLIS) {
            s.restingVoltage = volts;
        }
        if (rpm == null) {
            // No cranking to judge without an engine speed (EVs keep their 12 V battery charged by a DC-DC converter).
            return false;
        }
        if (newTrip && s.crankWindowStart == -1) {
            openCrankWindow(s, sample.ts);
        }
        if (s.crankWindowStart == -1) {
            return false;
        }
        if (sample.ts - s.crankWindowStart <= CRANK_WINDOW_MILLIS) {
            if (Double.isNaN(s.crankWindowMin) && rpm <= 0) {
                s.restingVoltage = volts;
            }
            s.crankWindowMin = Double.isNaN(s.crankWindowMin) ? volts : Math.min(s.crankWindowMin, volts);
            s.engineStartedInWindow |= rpm > RUNNING_RPM;
            return false;
        }
        // Devices reporting every few seconds may show the engine running only after the window.
        boolean started = (s.engineStartedInWindow || rpm > RUNNING_RPM) && !Double.isNaN(s.crankWindowMin);
        if (started) {
            s.crankDip = s.crankWindowMin;
            s.crankDipCelsius = s.airCelsius;
        }
        s.crankWindowStart = -1;
        return started;
    }

    private void judge(LowVoltageState s, VehicleInput sample, Context ctx) {
        s.risk = settings.model().probability(s.crankDip, s.crankDipCelsius, s.airCelsius);
        Severity severity = s.risk >= settings.criticalRisk() ? Severity.CRITICAL
                : s.risk >= settings.warnRisk() ? Severity.WARNING : null;
        if (s.lowSince == -1 && severity != null) {
            s.lowSince = sample.ts;
            s.lowSeverity = severity.name();
            ctx.output(HealthOutputs.ALERTS, alert(s, sample, severity, AlertState.OPEN));
        } else if (s.lowSince != -1 && severity == Severity.CRITICAL && !Severity.CRITICAL.name().equals(s.lowSeverity)) {
            s.lowSeverity = severity.name();
            ctx.output(HealthOutputs.ALERTS, alert(s, sample, severity, AlertState.ESCALATED));
        } else if (s.lowSince != -1 && s.risk < settings.clearRisk()) {
            ctx.output(HealthOutputs.ALERTS, alert(s, sample, Severity.valueOf(s.lowSeverity), AlertState.RESOLVED));
            s.lowSince = -1;
            s.lowSeverity = null;
        }
    }

    /** A new battery: what was learnt about the old one no longer applies. */
    private void newBattery(LowVoltageState s, VehicleInput event, Context ctx) {
        if (s.lowSince != -1) {
            ctx.output(HealthOutputs.ALERTS, alert(s, event, Severity.valueOf(s.lowSeverity), AlertState.RESOLVED));
        }
        s.crankDip = Double.NaN;
        s.risk = Double.NaN;
        s.restingVoltage = Double.NaN;
        s.lowSince = -1;
        s.lowSeverity = null;
    }

    private io.pitwall.contracts.alerts.Alert alert(LowVoltageState s, VehicleInput input, Severity severity,
                                                    AlertState alertState) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("noStartRisk", round(s.risk));
        evidence.put("crankDipVolts", round(s.crankDip));
        evidence.put("restingVolts", Double.isNaN(s.restingVoltage) ? null : round(s.restingVoltage));
        evidence.put("airCelsius", Double.isNaN(s.airCelsius) ? null : s.airCelsius);
        evidence.put("crankFloorVolts", settings.model().floorVolts());
        String recommendation = alertState == AlertState.RESOLVED
                ? "The 12 V battery starts the car reliably again."
                : "The 12 V battery may soon fail to start the car (risk " + Math.round(s.risk * 100)
                + " %); have it tested and charged or replaced.";
        return Alerts.of(input.vin, AlertKind.LOW_12V_BATTERY, s.lowSince, severity, alertState, input.ts, evidence,
                recommendation);
    }

    private static HealthPrediction prediction(VehicleInput input, LowVoltageState s) {
        HealthPrediction.LowVoltageBattery part = Double.isNaN(s.risk) ? null
                : new HealthPrediction.LowVoltageBattery(label(s.risk),
                        Double.isNaN(s.restingVoltage) ? 0 : round(s.restingVoltage), round(s.risk));
        return new HealthPrediction(HealthPrediction.SCHEMA_VERSION, input.vin, input.ts, null, null, part, null);
    }

    static String label(double risk) {
        if (risk < 0.15) {
            return HealthPrediction.LowVoltageBattery.GOOD;
        }
        return risk < 0.4 ? HealthPrediction.LowVoltageBattery.WEAK : HealthPrediction.LowVoltageBattery.REPLACE;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
