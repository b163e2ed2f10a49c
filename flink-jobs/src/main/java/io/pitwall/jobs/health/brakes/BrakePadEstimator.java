package io.pitwall.jobs.health.brakes;

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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Estimates brake-pad wear per axle from the braking energy each car actually dissipates, keyed by
 * VIN. Wear = last known wear + coefficient x friction energy since. A wear-sensor reading
 * re-anchors the estimate and, once enough braking lies between two readings, refits the car's own
 * coefficient; SERVICE_DONE with brake items starts the axle over at zero. Remaining km come from
 * the recent wear per km, remaining days from the recent km per day. Emits partial
 * {@link HealthPrediction}s (brake part only) and BRAKE_PADS_WORN alerts on
 * {@link HealthOutputs#ALERTS}.
 */
public final class BrakePadEstimator extends KeyedProcessFunction<String, VehicleInput, HealthPrediction> {

    private static final double RATE_WINDOW_KM = 20;
    private static final long DAY_MILLIS = 86_400_000L;
    /** A gap this long between samples is a parked car, not a deceleration to integrate. */
    private static final long MAX_STEP_MILLIS = 10_000;
    private static final long NEVER = Long.MIN_VALUE;

    private final BrakeSettings settings;
    private transient ValueState<BrakeState> state;

    public BrakePadEstimator(BrakeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("brake-pads", BrakeState.class));
    }

    @Override
    public void processElement(VehicleInput input, Context ctx, Collector<HealthPrediction> out) throws Exception {
        BrakeState s = state.value();
        if (s == null) {
            s = newState(input.ts);
        }
        boolean changed;
        if (input.isSample()) {
            changed = onSample(s, input);
        } else {
            changed = onEvent(s, input, ctx);
        }
        checkWorn(s, input, ctx, "front", s.front);
        checkWorn(s, input, ctx, "rear", s.rear);
        if (changed || s.lastEmitTs == NEVER || input.ts - s.lastEmitTs >= settings.emitInterval().toMillis()) {
            s.lastEmitTs = input.ts;
            out.collect(prediction(input, s));
        }
        state.update(s);
    }

    private BrakeState newState(long ts) {
        BrakeState s = new BrakeState();
        s.front = new AxleState();
        s.front.wearPerJoule = settings.frontWearPerJoule();
        s.rear = new AxleState();
        s.rear.wearPerJoule = settings.rearWearPerJoule();
        s.firstTs = ts;
        s.dayStartTs = ts;
        return s;
    }

    /** Returns true when a sensor reading re-anchored an axle. */
    private boolean onSample(BrakeState s, VehicleInput sample) {
        Double speed = sample.signal(Signals.SPEED);
        if (speed != null) {
            integrate(s, sample, speed);
        }
        boolean front = onSensor(s.front, sample.signal(Signals.PAD_WEAR_FRONT_LEFT),
                sample.signal(Signals.PAD_WEAR_FRONT_RIGHT));
        boolean rear = onSensor(s.rear, sample.signal(Signals.PAD_WEAR_REAR_LEFT),
                sample.signal(Signals.PAD_WEAR_REAR_RIGHT));
        trackRates(s, s.front);
        trackRates(s, s.rear);
        trackKmPerDay(s, sample.ts);
        return front || rear;
    }

    private void integrate(BrakeState s, VehicleInput sample, double speedKmh) {
        long dt = sample.ts - s.lastTs;
        if (!Double.isNaN(s.lastSpeedKmh) && dt > 0 && dt <= MAX_STEP_MILLIS) {
            double seconds = dt / 1000.0;
            s.distanceKm += (s.lastSpeedKmh + speedKmh) / 2 * seconds / 3600;
            Double rpm = sample.signal(Signals.ENGINE_RPM);
            boolean engineInGear = rpm != null && rpm > 0;
            double joules = settings.physics().frictionJoules(s.lastSpeedKmh, speedKmh, seconds,
                    sample.signal(Signals.BRAKE_PEDAL), engineInGear, regenJoules(sample, seconds));
            double front = settings.physics().frontShare();
            s.front.energyJ += joules * front;
            s.rear.energyJ += joules * (1 - front);
        }
        s.lastSpeedKmh = speedKmh;
        s.lastTs = sample.ts;
    }

    /** Energy an EV's traction battery took back over the interval (negative current = charging). */
    private static double regenJoules(VehicleInput sample, double seconds) {
        Double current = sample.signal(Signals.HV_CURRENT);
        Double voltage = sample.signal(Signals.HV_VOLTAGE);
        if (current == null || voltage == null || current >= 0) {
            return 0;
        }
        return -current * voltage * seconds;
    }

    private boolean onSensor(AxleState axle, Double left, Double right) {
        if (left == null && right == null) {
            return false;
        }
        // Pads on one axle are replaced together, so the more worn side decides.
        double reading = Math.max(left == null ? 0 : left, right == null ? 0 : right);
        boolean moved = !axle.anchorKnown || Math.abs(reading - axle.wear()) >= 1;
        axle.addReading(reading);
        axle.anchorWear = reading;
        axle.anchorEnergyJ = axle.energyJ;
        axle.anchorKnown = true;
        if (axle.readingSpreadJoules() >= settings.calibrationJoules()) {
            moved |= axle.refit();
        }
        return moved;
    }

    /** Friction energy per km over 20 km windows, smoothed: the car's recent driving style. */
    private static void trackRates(BrakeState s, AxleState axle) {
        double km = s.distanceKm - axle.rateWindowKm;
        if (km < RATE_WINDOW_KM) {
            return;
        }
        double perKm = (axle.energyJ - axle.rateWindowEnergyJ) / km;
        axle.joulesPerKm = Double.isNaN(axle.joulesPerKm) ? perKm : 0.8 * axle.joulesPerKm + 0.2 * perKm;
        axle.rateWindowKm = s.distanceKm;
        axle.rateWindowEnergyJ = axle.energyJ;
    }

    private static void trackKmPerDay(BrakeState s, long ts) {
        if (ts - s.dayStartTs < DAY_MILLIS) {
            return;
        }
        double days = (ts - s.dayStartTs) / (double) DAY_MILLIS;
        double perDay = (s.distanceKm - s.dayStartKm) / days;
        s.kmPerDay = Double.isNaN(s.kmPerDay) ? perDay : 0.7 * s.kmPerDay + 0.3 * perDay;
        s.dayStartTs = ts;
        s.dayStartKm = s.distanceKm;
    }

    private boolean onEvent(BrakeState s, VehicleInput event, Context ctx) {
        if (!event.isEvent("SERVICE_DONE") || event.serviceItems == null) {
            return false;
        }
        boolean changed = false;
        for (String item : event.serviceItems) {
            if (item.equals("BRAKE_PADS_FRONT") || item.equals("BRAKE_PADS")) {
                newPads(s, s.front, event, ctx, "front");
                changed = true;
            }
            if (item.equals("BRAKE_PADS_REAR") || item.equals("BRAKE_PADS")) {
                newPads(s, s.rear, event, ctx, "rear");
                changed = true;
            }
        }
        return changed;
    }

    private void newPads(BrakeState s, AxleState axle, VehicleInput event, Context ctx, String name) {
        if (axle.wornSince != -1) {
            ctx.output(HealthOutputs.ALERTS, Alerts.of(event.vin, AlertKind.BRAKE_PADS_WORN, axle.wornSince,
                    Severity.valueOf(axle.wornSeverity), AlertState.RESOLVED, event.ts,
                    evidence(name, 0, null, axle), "New " + name + " pads fitted."));
            axle.wornSince = -1;
            axle.wornSeverity = null;
        }
        axle.newPads(s.distanceKm);
    }

    private void checkWorn(BrakeState s, VehicleInput input, Context ctx, String name, AxleState axle) {
        if (!axle.anchorKnown) {
            return;
        }
        double wear = axle.wear();
        Double km = kmToThreshold(axle, wear);
        Severity severity = null;
        if (wear >= settings.replacementPercent()) {
            severity = Severity.CRITICAL;
        } else if (wear >= settings.warnPercent() || (km != null && km <= settings.warnKm())) {
            severity = Severity.WARNING;
        }
        if (severity == null || (axle.wornSince != -1 && !escalates(axle, severity))) {
            return;
        }
        AlertState alertState = axle.wornSince == -1 ? AlertState.OPEN : AlertState.ESCALATED;
        if (axle.wornSince == -1) {
            axle.wornSince = input.ts;
        }
        axle.wornSeverity = severity.name();
        ctx.output(HealthOutputs.ALERTS, Alerts.of(input.vin, AlertKind.BRAKE_PADS_WORN, axle.wornSince, severity,
                alertState, input.ts, evidence(name, wear, km, axle),
                "The " + name + " brake pads are " + Math.round(wear) + " % worn"
                        + (km == null ? "" : ", about " + Math.round(km) + " km left") + "; book a brake service."));
    }

    private static boolean escalates(AxleState axle, Severity severity) {
        return severity == Severity.CRITICAL && !Severity.CRITICAL.name().equals(axle.wornSeverity);
    }

    private Double kmToThreshold(AxleState axle, double wear) {
        double perKm = axle.wearPerKm();
        if (Double.isNaN(perKm) || perKm <= 0) {
            return null;
        }
        return Math.max(0, (settings.replacementPercent() - wear) / perKm);
    }

    private Map<String, Object> evidence(String axleName, double wear, Double km, AxleState axle) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("axle", axleName);
        evidence.put("wearPercent", round(wear));
        evidence.put("kmToThreshold", km == null ? null : round(km));
        evidence.put("replacementPercent", settings.replacementPercent());
        evidence.put("calibratedBySensor", axle.calibrated);
        return evidence;
    }

    private HealthPrediction prediction(VehicleInput input, BrakeState s) {
        return new HealthPrediction(HealthPrediction.SCHEMA_VERSION, input.vin, input.ts, null,
                new HealthPrediction.BrakePads(axleWear(s, s.front), axleWear(s, s.rear)), null, null);
    }

    private HealthPrediction.AxleWear axleWear(BrakeState s, AxleState axle) {
        double wear = axle.wear();
        Double km = kmToThreshold(axle, wear);
        Double days = km == null || Double.isNaN(s.kmPerDay) || s.kmPerDay <= 0 ? null : round(km / s.kmPerDay);
        return new HealthPrediction.AxleWear(round(wear), km == null ? null : round(km), days, confidence(s, axle));
    }

    /**
     * A calibrated coefficient is the best case; a known starting point with the prior coefficient
     * is fair; an unknown starting point (no sensor, no service seen) says little. More distance
     * behind the estimate helps all of them.
     */
    private static double confidence(BrakeState s, AxleState axle) {
        double base = axle.calibrated ? 0.9 : axle.anchorKnown ? 0.6 : 0.2;
        return round(base * Math.min(1, 0.5 + s.distanceKm / 1000));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
