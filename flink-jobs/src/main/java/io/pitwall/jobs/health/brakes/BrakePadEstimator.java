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
 * coefficient; SERVICE_DONE with brake items starts the axle over at zero. Distance comes from the
 * odometer when the car reports one, and driving between samples too far apart to integrate gets
 * the car's usual braking energy per km (see {@link BrakeState}). Remaining km come from the
 * coefficient times the car's friction energy per km over its last couple of thousand km (the
 * distance a projection of thousands of km should rest on, not the last trip), remaining days from
 * the recent km per day. Emits partial
 * {@link HealthPrediction}s (brake part only) and BRAKE_PADS_WORN alerts on
 * {@link HealthOutputs#ALERTS}.
 */
public final class BrakePadEstimator extends KeyedProcessFunction<String, VehicleInput, HealthPrediction> {

    private static final double RATE_WINDOW_KM = 20;
    /**
     * Distance over which the friction energy per km is averaged (exponential weighting): long
     * enough to average a month of weekday and weekend driving, short enough to follow a lasting
     * change of habits within a couple of months.
     */
    private static final double USAGE_HORIZON_KM = 2_000;
    /** An odometer that advanced faster than this between two samples is not believed. */
    private static final double MAX_ODOMETER_KMH = 250;
    /** Unseen distance is given its energy in steps of at least this much (the odometer reads whole metres). */
    private static final double FILL_STEP_KM = 0.5;
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
        Double odometer = sample.signal(Signals.ODOMETER);
        if (odometer != null) {
            onOdometer(s, sample.ts, odometer);
        }
        boolean front = onSensor(s.front, sample.signal(Signals.PAD_WEAR_FRONT_LEFT),
                sample.signal(Signals.PAD_WEAR_FRONT_RIGHT));
        boolean rear = onSensor(s.rear, sample.signal(Signals.PAD_WEAR_REAR_LEFT),
                sample.signal(Signals.PAD_WEAR_REAR_RIGHT));
        trackUsage(s);
        trackKmPerDay(s, sample.ts);
        return front || rear;
    }

    private void integrate(BrakeState s, VehicleInput sample, double speedKmh) {
        long dt = sample.ts - s.lastTs;
        if (!Double.isNaN(s.lastSpeedKmh) && dt > 0 && dt <= MAX_STEP_MILLIS) {
            double seconds = dt / 1000.0;
            double km = (s.lastSpeedKmh + speedKmh) / 2 * seconds / 3600;
            s.seenKm += km;
            if (Double.isNaN(s.lastOdometerKm)) {
                s.distanceKm += km;
            }
            Double rpm = sample.signal(Signals.ENGINE_RPM);
            boolean engineInGear = rpm != null && rpm > 0;
            double joules = settings.physics().frictionJoules(s.lastSpeedKmh, speedKmh, seconds,
                    sample.signal(Signals.BRAKE_PEDAL), engineInGear, regenJoules(sample, seconds));
            s.seenJoules += joules;
            addEnergy(s, joules);
        }
        s.lastSpeedKmh = speedKmh;
        s.lastTs = sample.ts;
    }

    private void addEnergy(BrakeState s, double joules) {
        double front = settings.physics().frontShare();
        s.front.energyJ += joules * front;
        s.rear.energyJ += joules * (1 - front);
    }

    /**
     * The odometer is the car's distance. What it advanced beyond the integrated intervals was
     * driven between samples too far apart to integrate (a device still on its parked reporting
     * rate in the first minutes of a trip, a dead zone whose batch arrived too late to analyse):
     * the pads wore there too, so that distance gets the car's usual friction energy per km.
     * Without it the sensor-fitted coefficient absorbs the unseen braking while the usage rate
     * divides by the seen km only, and the remaining km come out short by the unseen share. A
     * reading that went backwards or jumped implausibly far re-bases the odometer instead.
     */
    private void onOdometer(BrakeState s, long ts, double odometerKm) {
        if (!Double.isNaN(s.lastOdometerKm)) {
            if (ts <= s.lastOdometerTs) {
                return;
            }
            double delta = odometerKm - s.lastOdometerKm;
            double hours = (ts - s.lastOdometerTs) / 3_600_000.0;
            if (delta >= 0 && delta <= MAX_ODOMETER_KMH * hours + 0.1) {
                s.distanceKm += delta;
                s.unseenKm += delta - (s.seenKm - s.seenKmAtOdometer);
            }
        }
        s.lastOdometerKm = odometerKm;
        s.lastOdometerTs = ts;
        s.seenKmAtOdometer = s.seenKm;
        double rate = s.joulesPerKm();
        if (s.unseenKm >= FILL_STEP_KM && !Double.isNaN(rate)) {
            addEnergy(s, s.unseenKm * rate);
            s.unseenKm = 0;
        }
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

    /**
     * Friction energy per seen km: 20 km windows, each weighted by e^(-km since / 2,000 km), so
     * the car's driving style over its last couple of thousand km; until that much is seen, the
     * average so far. (A rate over the last ~100 km swung the projection of simulated cars by
     * +-30 % from one day to the next.)
     */
    private static void trackUsage(BrakeState s) {
        double km = s.seenKm - s.usageWindowKm;
        if (km < RATE_WINDOW_KM) {
            return;
        }
        double keep = Math.exp(-km / USAGE_HORIZON_KM);
        s.usageKm = s.usageKm * keep + km;
        s.usageJoules = s.usageJoules * keep + (s.seenJoules - s.usageWindowJoules);
        s.usageWindowKm = s.seenKm;
        s.usageWindowJoules = s.seenJoules;
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
        axle.newPads();
    }

    private void checkWorn(BrakeState s, VehicleInput input, Context ctx, String name, AxleState axle) {
        if (!axle.anchorKnown) {
            return;
        }
        double wear = axle.wear();
        Double km = kmToThreshold(s, axle, wear);
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

    private Double kmToThreshold(BrakeState s, AxleState axle, double wear) {
        double share = axle == s.front ? settings.physics().frontShare() : 1 - settings.physics().frontShare();
        double perKm = axle.wearPerKm(s.joulesPerKm() * share);
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
        Double km = kmToThreshold(s, axle, wear);
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
