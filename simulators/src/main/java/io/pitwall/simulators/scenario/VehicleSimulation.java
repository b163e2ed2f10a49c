package io.pitwall.simulators.scenario;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.telemetry.Sample;
import io.pitwall.simulators.physics.BrakeWearModel;
import io.pitwall.simulators.physics.Climate;
import io.pitwall.simulators.physics.DriveCycle;
import io.pitwall.simulators.physics.EngineModel;
import io.pitwall.simulators.physics.GpsTrack;
import io.pitwall.simulators.physics.LowVoltageBatteryModel;
import io.pitwall.simulators.physics.TireModel;
import io.pitwall.simulators.physics.TractionBatteryModel;
import io.pitwall.simulators.physics.VehicleDynamics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One simulated car from its first sample to its last: the physics models stepped at most a
 * second at a time while the ignition is on, the driver's routine, injected faults, workshop
 * visits, and the samples and events its device sends. Everything follows from the profile (VIN
 * and seed); the transmission mess draws from its own random stream, so turning it on or off
 * does not change what the car does.
 */
public final class VehicleSimulation {

    static final List<String> DTC_CODES = List.of("P0301", "P0420", "P0171", "P0442", "P0128", "P0700", "U0100", "C0035");
    static final String COOLANT_DTC = "P0217";
    static final String TRACTION_DTC = "P0A7F";

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;
    private static final Set<String> DYNAMICS = Set.of("Vehicle.Speed", "Vehicle.Acceleration.Longitudinal",
            "Vehicle.Chassis.Brake.PedalPosition", "Vehicle.Powertrain.CombustionEngine.Speed", "Vehicle.OBD.EngineLoad",
            "Vehicle.OBD.ThrottlePosition", "Vehicle.CurrentLocation.Latitude", "Vehicle.CurrentLocation.Longitude");

    private final VehicleProfile profile;
    private final ScenarioSettings settings;
    private final QosPolicy qosPolicy;
    private final long samplePeriod;
    private final long parkedPeriod;
    private final long utcOffset;
    private final SplittableRandom random;
    private final SplittableRandom noise;
    private final SplittableRandom messRandom;
    private final Transmitter radio;
    private final Climate climate;
    private final DriveCycle cycle;
    private final VehicleDynamics dynamics;
    private final BrakeWearModel brakes;
    private final LowVoltageBatteryModel lowVoltage;
    private final EngineModel engine;
    private final TractionBatteryModel traction;
    private final TireModel tires;
    private final GpsTrack gps;
    private final List<FaultState> faults = new ArrayList<>();
    private final List<GroundTruthManifest.ServiceEntry> services = new ArrayList<>();
    private final List<VehicleTruth> daily = new ArrayList<>();
    private final VehicleTruth initial;
    private final double chargeBelow;

    private long now;
    private long seq;
    private boolean ignition;
    private boolean charging;
    private double speedMps;
    private double accel;
    private double pedalPct;
    private double odometerKm;
    private double fuelPct;
    private double nextOilChangeKm;
    /** A sticking caliper rubs the pads all the time the car moves (FAST_PAD_WEAR). */
    private double caliperDragNewtons;
    private long nextSampleAt;
    private long nextMidnight;
    private long serviceAt = Long.MAX_VALUE;
    private boolean needsBattery;
    private boolean started;
    private final Set<String> activeDtcs = new LinkedHashSet<>();
    /**
     * Active codes a workshop has already looked at without clearing them (a degraded traction
     * pack keeps its code until the pack is replaced): the owner does not go back for them.
     */
    private final Set<String> dtcsKnownToWorkshop = new LinkedHashSet<>();
    private final Map<String, Long> dtcSetAt = new LinkedHashMap<>();

    private static final class FaultState {
        final FaultSpec spec;
        final long startsAt;
        final String dtc;
        final int wheel;
        boolean active;
        boolean dtcPending;
        double healthAtStart;
        Long firstSymptomAt;
        Long resolvedAt;

        FaultState(FaultSpec spec, long startsAt, String dtc, int wheel) {
            this.spec = spec;
            this.startsAt = startsAt;
            this.dtc = dtc;
            this.wheel = wheel;
        }
    }

    public VehicleSimulation(VehicleProfile profile, long seed, ScenarioSettings settings, int fleetQos,
                             long startMillis, Duration samplePeriod) {
        this.profile = profile;
        this.settings = settings;
        this.qosPolicy = settings.qosPolicy() != null ? settings.qosPolicy() : QosPolicy.of(fleetQos);
        this.samplePeriod = Math.max(1, samplePeriod.toMillis());
        this.parkedPeriod = settings.parkedReportPeriod() == null ? this.samplePeriod
                : Math.max(this.samplePeriod, settings.parkedReportPeriod().toMillis());
        this.utcOffset = (long) (profile.city().utcOffsetHours() * HOUR);
        long vinSeed = seed ^ ((long) profile.vin().hashCode() << 17) ^ profile.vin().hashCode();
        SplittableRandom root = new SplittableRandom(vinSeed);
        this.random = root.split();
        this.noise = root.split();
        this.messRandom = root.split();
        SplittableRandom initialState = root.split();
        this.radio = new Transmitter(profile.index(), profile.vin(), settings.mess(), settings.statusMessages(), messRandom);
        this.climate = new Climate(profile.city().meanC(), profile.city().seasonalSwingC(), profile.city().utcOffsetHours());
        this.cycle = settings.dailyRoutine()
                ? DriveCycle.daily(random, profile.city().utcOffsetHours(), profile.highwayShare(), startMillis)
                : DriveCycle.endlessUrban(random);
        boolean electric = profile.electric();
        this.dynamics = new VehicleDynamics(profile.massKg(), profile.dragAreaM2(), electric ? 0.009 : 0.011,
                electric ? 60_000 : 0);
        int age = Math.max(0, 2026 - profile.modelYear());
        this.odometerKm = age * (6_000 + initialState.nextDouble() * 10_000) + 500 + initialState.nextDouble() * 5_000;
        this.brakes = new BrakeWearModel(4.6 + initialState.nextDouble() * 7.4, 4.0 + initialState.nextDouble() * 6.0);
        this.lowVoltage = new LowVoltageBatteryModel(electric ? 45 : 60,
                0.72 + initialState.nextDouble() * 0.28, 0.75 + initialState.nextDouble() * 0.2);
        double ambient = climate.airTemperatureC(startMillis);
        this.engine = electric ? null : new EngineModel(ambient);
        this.traction = electric ? new TractionBatteryModel(profile.nameplateKwh(), profile.seriesCells(),
                Math.max(0.8, 1 - age * 0.02 - initialState.nextDouble() * 0.03), 0.4 + initialState.nextDouble() * 0.5, ambient) : null;
        double[] cold = new double[4];
        for (int i = 0; i < 4; i++) {
            cold[i] = profile.tyreSetKpa() - initialState.nextDouble() * 15;
        }
        this.tires = new TireModel(profile.tyreSetKpa(), cold);
        this.gps = new GpsTrack(profile.homeLat(), profile.homeLon(), profile.workLat(), profile.workLon());
        this.fuelPct = 30 + initialState.nextDouble() * 65;
        this.nextOilChangeKm = odometerKm + 2_000 + initialState.nextDouble() * 8_000;
        this.chargeBelow = 0.3 + initialState.nextDouble() * 0.5;
        this.now = startMillis;
        this.nextSampleAt = startMillis;
        this.nextMidnight = Math.floorDiv(startMillis + utcOffset, DAY) * DAY - utcOffset + DAY;
        for (FaultSpec spec : settings.faults()) {
            if (spec.vehicleIndex() == profile.index()) {
                String dtc = switch (spec.kind()) {
                    case DTC -> spec.dtcCode() != null ? spec.dtcCode() : DTC_CODES.get(initialState.nextInt(DTC_CODES.size()));
                    case COOLANT_OVERHEAT -> COOLANT_DTC;
                    case DEGRADED_TRACTION_BATTERY -> TRACTION_DTC;
                    default -> null;
                };
                int wheel = spec.kind() == FaultKind.SLOW_TIRE_LEAK ? initialState.nextInt(4) : -1;
                faults.add(new FaultState(spec, startMillis + spec.after().toMillis(), dtc, wheel));
            }
        }
        this.initial = truth();
        if (!settings.dailyRoutine()) {
            // The plain stream: the car is already driving when the run starts.
            ignition = true;
        }
    }

    public VehicleProfile profile() {
        return profile;
    }

    public String vin() {
        return profile.vin();
    }

    public long now() {
        return now;
    }

    /** Runs the car up to {@code t} (simulated epoch ms) and returns what its device sent meanwhile, in order. */
    public List<VehicleMessage> advanceTo(long t) {
        if (!started) {
            started = true;
            radio.online(now);
            if (ignition) {
                emitSample(now, true);
                nextSampleAt = now + samplePeriod;
            }
        }
        while (now < t) {
            long maxStep = ignition ? 1_000 : charging ? 10_000 : 60_000;
            long end = Math.min(t, Math.min(now + maxStep, nextSampleAt));
            end = Math.min(end, nextBoundary());
            if (end <= now) {
                end = now + 1;
            }
            step(end, (end - now) / 1000.0);
            now = end;
            afterStep();
        }
        radio.tick(now);
        return radio.drain();
    }

    /** Sends whatever the device still holds (buffered or late samples) as of the run's end. */
    public List<VehicleMessage> finish() {
        radio.finish(now);
        return radio.drain();
    }

    private long nextBoundary() {
        long b = Math.max(cycle.legEndMillis(), now + 1);
        b = Math.min(b, nextMidnight);
        b = Math.min(b, serviceAt);
        for (FaultState f : faults) {
            if (!f.active && f.resolvedAt == null && f.startsAt > now) {
                b = Math.min(b, f.startsAt);
            }
        }
        return b;
    }

    private void step(long end, double dt) {
        double ambient = climate.airTemperatureC(end);
        double kmh = speedMps * 3.6;
        DriveCycle.Destination before = cycle.current().destination();
        cycle.advance(end, dt, kmh);
        DriveCycle.Destination destination = cycle.current().destination();
        if (destination != before) {
            switch (destination) {
                case WORK -> gps.headToWork();
                case HOME -> gps.headHome();
                case ERRAND -> gps.headNearby(random);
                case NONE -> { }
            }
        }
        boolean wantOn = !settings.dailyRoutine() || cycle.activity().ignitionOn() || speedMps > 0.05;
        if (wantOn && !ignition) {
            ignitionOn(end);
        } else if (!wantOn && ignition) {
            ignitionOff(end);
        }
        if (ignition) {
            drive(dt, ambient);
        } else {
            rest(dt, ambient);
        }
        tires.step(dt, speedMps * 3.6, ambient);
        lowVoltage.age(dt / 86_400, ambient);
        if (traction != null) {
            traction.age(dt / 86_400);
        }
        applyFaultProgress(end);
    }

    private void drive(double dt, double ambient) {
        double target = cycle.targetKmh() / 3.6;
        double maxAccel = Math.max(0.6, 2.2 - speedMps / 25);
        double a = Math.max(-2.8, Math.min(maxAccel, (target - speedMps) / 2.5));
        double v1 = Math.max(0, speedMps + a * dt);
        VehicleDynamics.Step s = dynamics.step(speedMps, v1, dt);
        accel = (v1 - speedMps) / dt;
        speedMps = v1;
        brakes.absorb(s.frictionBrakeJoules() + caliperDragNewtons * s.distanceMetres());
        double brakingDecel = s.distanceMetres() > 0
                ? (s.frictionBrakeJoules() + (profile.electric() ? 0.3 * s.regenJoules() : 0)) / s.distanceMetres() / dynamics.massKg() : 0;
        pedalPct = brakingDecel > 0.05 ? Math.min(100, 12 + brakingDecel / 6 * 88) : (speedMps < 0.05 && target == 0 ? 25 : 0);
        odometerKm += s.distanceMetres() / 1000;
        gps.move(s.distanceMetres(), random);
        double tractionWatts = s.tractionJoules() / dt;
        if (engine != null) {
            engine.step(true, speedMps * 3.6, accel, tractionWatts, dt, ambient);
            double engineWatts = tractionWatts / 0.9 + 2_500;
            fuelPct = Math.max(0, fuelPct - engineWatts * dt / (0.27 * 34.2e6) / 45 * 100);
            lowVoltage.flow(-25, dt);
        } else {
            double hvac = 400 + 90 * Math.abs(ambient - 21);
            double watts = tractionWatts / 0.9 + hvac + 300 - s.regenJoules() / dt * 0.75;
            traction.draw(watts, dt, ambient);
            lowVoltage.flow(-12, dt);
        }
        if (settings.dailyRoutine() && cycle.activity().driving()) {
            MessSettings mess = settings.mess();
            if (mess.coverageGapsPerHour() > 0 && messRandom.nextDouble() < mess.coverageGapsPerHour() * dt / 3600) {
                radio.startGap(now, now + MINUTE + messRandom.nextLong(9 * MINUTE));
            }
            if (mess.reconnectsPerHour() > 0 && messRandom.nextDouble() < mess.reconnectsPerHour() * dt / 3600) {
                radio.reconnect(now);
            }
        }
    }

    private void rest(double dt, double ambient) {
        speedMps = 0;
        accel = 0;
        pedalPct = 0;
        if (engine != null) {
            engine.step(false, 0, 0, 0, dt, ambient);
            lowVoltage.flow(0.03, dt);
        } else {
            boolean atHome = cycle.activity() == DriveCycle.Activity.OVERNIGHT_REST;
            charging = atHome && traction.soc() < 0.9 && (charging || traction.soc() < chargeBelow);
            if (charging) {
                traction.draw(-7_000, dt, ambient);
                lowVoltage.flow(-5, dt);
            } else {
                traction.draw(0, dt, ambient);
                lowVoltage.flow(0.04, dt);
            }
        }
    }

    private void ignitionOn(long t) {
        ignition = true;
        // A device samples at its driving rate from the moment the ignition comes on; without this
        // the parked rate (minutes) ran on into the first minutes of every trip.
        nextSampleAt = Math.min(nextSampleAt, t + samplePeriod);
        event(t, EventType.IGNITION_ON, null, null);
        for (FaultState f : faults) {
            if (f.active && f.dtcPending) {
                setDtc(t, f.dtc);
                f.dtcPending = false;
            }
        }
        if (engine == null) {
            return;
        }
        double crank = lowVoltage.crankingVolts();
        lowVoltage.flow(LowVoltageBatteryModel.CRANK_AMPS, 1.5);
        checkSymptom(FaultKind.FAILING_12V_BATTERY, t, crank < 9.6);
        Map<String, Double> signals = signals(t);
        signals.put("Vehicle.LowVoltageBattery.CurrentVoltage", round(crank, 2));
        signals.put("Vehicle.Powertrain.CombustionEngine.Speed", 220.0);
        signals.put("Vehicle.Powertrain.CombustionEngine.EOP", 0.0);
        send(t, signals, false);
        if (crank < LowVoltageBatteryModel.NO_START_VOLTS) {
            // The starter barely turns: the driver gives up, the car is towed to a workshop tomorrow.
            ignition = false;
            event(t + 20_000, EventType.IGNITION_OFF, null, null);
            cycle.abandonTripsUntilTomorrow(t);
            needsBattery = true;
            serviceAt = Math.min(serviceAt, localMidnight(t) + DAY + 10 * HOUR);
        }
    }

    private void ignitionOff(long t) {
        ignition = false;
        emitSample(t, true);
        event(t, EventType.IGNITION_OFF, null, null);
        nextSampleAt = t + parkedPeriod;
        if (cycle.activity() == DriveCycle.Activity.PARKING) {
            if (engine != null && fuelPct < 15) {
                fuelPct = 90 + random.nextDouble() * 10;
            }
            if (settings.mess().undergroundParking() > 0 && messRandom.nextDouble() < settings.mess().undergroundParking()) {
                radio.startGap(t + 1, cycle.legEndMillis());
            }
        }
    }

    private void afterStep() {
        for (FaultState f : faults) {
            if (!f.active && f.resolvedAt == null && now >= f.startsAt) {
                activate(f);
            }
        }
        if (now >= serviceAt) {
            if (ignition) {
                serviceAt = now + HOUR;
            } else {
                service(now);
            }
        }
        if (now >= nextMidnight) {
            daily.add(truth());
            nextMidnight += DAY;
            if (settings.dailyRoutine()) {
                planService();
            }
        }
        if (now >= nextSampleAt) {
            emitSample(now, ignition);
            nextSampleAt = now + (ignition ? samplePeriod : charging ? Math.max(samplePeriod, 5 * MINUTE) : parkedPeriod);
        }
    }

    private void activate(FaultState f) {
        f.active = true;
        switch (f.spec.kind()) {
            case COOLANT_OVERHEAT -> {
                // The radiator's loss is gradual; applyFaultProgress ramps it.
            }
            case FAILING_12V_BATTERY -> lowVoltage.startFailing(0.03, 0.25);
            case FAST_PAD_WEAR -> {
                brakes.setWearMultiplier(8);
                caliperDragNewtons = 120;
            }
            case DEGRADED_TRACTION_BATTERY -> {
                if (traction != null) {
                    f.healthAtStart = traction.health();
                    traction.loseCapacity(0.03);
                    traction.setAgeingMultiplier(60);
                }
            }
            case SLOW_TIRE_LEAK -> tires.setLeak(f.wheel, 5 + random.nextDouble() * 4);
            case DTC -> {
                if (ignition) {
                    setDtc(now, f.dtc);
                    checkSymptom(FaultKind.DTC, now, true);
                } else {
                    f.dtcPending = true;
                }
            }
        }
    }

    private void applyFaultProgress(long t) {
        for (FaultState f : faults) {
            if (!f.active) {
                continue;
            }
            if (f.spec.kind() == FaultKind.COOLANT_OVERHEAT && engine != null) {
                double progress = Math.min(1, (t - f.startsAt) / (12.0 * HOUR));
                engine.setRadiatorCapacity(1 - 0.9 * progress);
            }
        }
    }

    private void setDtc(long t, String code) {
        if (code != null && activeDtcs.add(code)) {
            dtcSetAt.put(code, t);
            event(t, EventType.DTC_SET, code, null);
            for (FaultState f : faults) {
                if (f.spec.kind() == FaultKind.DTC && code.equals(f.dtc) && f.firstSymptomAt == null) {
                    f.firstSymptomAt = t;
                }
            }
        }
    }

    /** Once a day the owner decides whether the car needs the workshop tomorrow. */
    private void planService() {
        boolean due = brakes.frontMm() < 3.2 || brakes.rearMm() < 3.0 || needsBattery
                || (engine != null && odometerKm >= nextOilChangeKm);
        for (int i = 0; i < 4; i++) {
            due |= tires.coldKpa(i) < 0.78 * tires.setPressureKpa();
        }
        for (String code : activeDtcs) {
            due |= !dtcsKnownToWorkshop.contains(code) && now - dtcSetAt.get(code) > 2 * DAY;
        }
        if (due && serviceAt == Long.MAX_VALUE) {
            serviceAt = now + 9 * HOUR + random.nextLong(6 * HOUR);
        }
    }

    private void service(long t) {
        serviceAt = Long.MAX_VALUE;
        List<String> items = new ArrayList<>();
        if (brakes.frontMm() < 4.0) {
            brakes.replaceFront();
            if (caliperDragNewtons > 0) {
                // The workshop finds the sticking caliper when it changes the pads.
                caliperDragNewtons = 0;
                brakes.setWearMultiplier(1);
                resolve(FaultKind.FAST_PAD_WEAR, t);
            }
            items.add("BRAKE_PADS_FRONT");
        }
        if (brakes.rearMm() < 3.5) {
            brakes.replaceRear();
            items.add("BRAKE_PADS_REAR");
        }
        if (needsBattery || lowVoltage.health() < 0.45) {
            lowVoltage.replace();
            needsBattery = false;
            items.add("BATTERY_12V");
            resolve(FaultKind.FAILING_12V_BATTERY, t);
        }
        boolean leak = false;
        for (int i = 0; i < 4; i++) {
            leak |= tires.coldKpa(i) < 0.85 * tires.setPressureKpa();
        }
        if (leak) {
            tires.inflateAll(true);
            items.add("TIRES");
            resolve(FaultKind.SLOW_TIRE_LEAK, t);
        }
        if (engine != null && odometerKm >= nextOilChangeKm - 1_000) {
            items.add("OIL_CHANGE");
            nextOilChangeKm = odometerKm + 10_000;
        }
        if (activeDtcs.contains(COOLANT_DTC)) {
            engine.setRadiatorCapacity(1);
            items.add("COOLANT");
            resolve(FaultKind.COOLANT_OVERHEAT, t);
        }
        if (traction != null && activeDtcs.contains(TRACTION_DTC)) {
            items.add("TRACTION_BATTERY_CHECK");
            dtcsKnownToWorkshop.add(TRACTION_DTC);
        }
        if (items.isEmpty()) {
            items.add("INSPECTION");
        }
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        items.forEach(detail.putArray("items")::add);
        detail.put("odometerKm", Math.round(odometerKm));
        event(t, EventType.SERVICE_DONE, null, detail);
        services.add(new GroundTruthManifest.ServiceEntry(profile.index(), vin(), t, List.copyOf(items), Math.round(odometerKm)));
        for (String code : List.copyOf(activeDtcs)) {
            if (code.equals(TRACTION_DTC)) {
                continue;
            }
            activeDtcs.remove(code);
            event(t, EventType.DTC_CLEARED, code, null);
            for (FaultState f : faults) {
                if (f.spec.kind() == FaultKind.DTC && code.equals(f.dtc)) {
                    f.resolvedAt = t;
                    f.active = false;
                }
            }
        }
    }

    private void resolve(FaultKind kind, long t) {
        for (FaultState f : faults) {
            if (f.spec.kind() == kind && f.active) {
                f.active = false;
                f.resolvedAt = t;
                if (kind == FaultKind.COOLANT_OVERHEAT) {
                    engine.setRadiatorCapacity(1);
                }
            }
        }
    }

    private void checkSymptom(FaultKind kind, long t, boolean holds) {
        if (!holds) {
            return;
        }
        for (FaultState f : faults) {
            if (f.spec.kind() == kind && f.active && f.firstSymptomAt == null) {
                f.firstSymptomAt = t;
            }
        }
    }

    private void emitSample(long t, boolean live) {
        Map<String, Double> signals = signals(t);
        if (engine != null) {
            double ect = engine.coolantC();
            checkSymptom(FaultKind.COOLANT_OVERHEAT, t, ect > 110);
            if (ect > 115) {
                for (FaultState f : faults) {
                    if (f.spec.kind() == FaultKind.COOLANT_OVERHEAT && f.active) {
                        setDtc(t, COOLANT_DTC);
                    }
                }
            }
        }
        checkSymptom(FaultKind.FAILING_12V_BATTERY, t, !ignition && lowVoltage.restingVolts() < 12.2);
        checkSymptom(FaultKind.FAST_PAD_WEAR, t, brakes.frontWornPercent() >= 80 || brakes.rearWornPercent() >= 80);
        for (FaultState f : faults) {
            if (f.active && f.spec.kind() == FaultKind.SLOW_TIRE_LEAK) {
                checkSymptom(FaultKind.SLOW_TIRE_LEAK, t, tires.coldKpa(f.wheel) < 0.8 * tires.setPressureKpa());
            }
            if (f.active && f.spec.kind() == FaultKind.DEGRADED_TRACTION_BATTERY && traction != null) {
                boolean faded = traction.health() <= f.healthAtStart - 0.05;
                checkSymptom(FaultKind.DEGRADED_TRACTION_BATTERY, t, faded);
                if (traction.health() <= f.healthAtStart - 0.08) {
                    setDtc(t, TRACTION_DTC);
                }
            }
        }
        send(t, signals, live);
    }

    private void send(long t, Map<String, Double> signals, boolean live) {
        if (qosPolicy == QosPolicy.SPLIT_BY_SIGNAL_CLASS) {
            Map<String, Double> fast = new LinkedHashMap<>();
            Map<String, Double> slow = new LinkedHashMap<>();
            signals.forEach((k, v) -> (DYNAMICS.contains(k) ? fast : slow).put(k, v));
            radio.sample(new Sample(++seq, t, fast), 0, t, live);
            radio.sample(new Sample(++seq, t, slow), 1, t, live);
        } else {
            radio.sample(new Sample(++seq, t, signals), qosPolicy == QosPolicy.ALL_QOS0 ? 0 : 1, t, live);
        }
    }

    private void event(long t, EventType type, String code, ObjectNode detail) {
        if (settings.events()) {
            radio.event(new VehicleEvent(vin(), ++seq, t, type, code, detail), t);
        }
    }

    private Map<String, Double> signals(long t) {
        double ambient = climate.airTemperatureC(t);
        double kmh = speedMps * 3.6;
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("Vehicle.Speed", round(kmh, 1));
        s.put("Vehicle.TraveledDistance", round(odometerKm, 3));
        s.put("Vehicle.CurrentLocation.Latitude", round(gps.latitude(), 6));
        s.put("Vehicle.CurrentLocation.Longitude", round(gps.longitude(), 6));
        s.put("Vehicle.Acceleration.Longitudinal", round(accel + (ignition ? (noise.nextDouble() - 0.5) * 0.04 : 0), 2));
        s.put("Vehicle.Chassis.Brake.PedalPosition", round(pedalPct, 0));
        s.put("Vehicle.Exterior.AirTemperature", round(ambient, 1));
        for (int i = 0; i < 4; i++) {
            s.put("Vehicle.Chassis.Axle." + TireModel.WHEELS[i] + ".Tire.Pressure",
                    round(tires.pressureKpa(i, ambient) + (noise.nextDouble() - 0.5), 0));
        }
        if (profile.padWearSensor()) {
            // Left and right pads of an axle wear almost alike; sensors read in whole percent.
            s.put("Vehicle.Chassis.Axle.Row1.Wheel.Left.Brake.PadWear", round(brakes.frontWornPercent(), 0));
            s.put("Vehicle.Chassis.Axle.Row1.Wheel.Right.Brake.PadWear", round(Math.min(100, brakes.frontWornPercent() * 1.02), 0));
            s.put("Vehicle.Chassis.Axle.Row2.Wheel.Left.Brake.PadWear", round(brakes.rearWornPercent(), 0));
            s.put("Vehicle.Chassis.Axle.Row2.Wheel.Right.Brake.PadWear", round(Math.min(100, brakes.rearWornPercent() * 1.02), 0));
        }
        double volts;
        if (engine != null) {
            volts = engine.running() ? lowVoltage.chargingVolts() : lowVoltage.restingVolts();
            s.put("Vehicle.Powertrain.CombustionEngine.Speed", round(engine.rpm() + (engine.running() ? noise.nextDouble() * 40 : 0), 0));
            s.put("Vehicle.Powertrain.CombustionEngine.ECT", round(engine.coolantC() + noise.nextDouble() * 0.4, 1));
            s.put("Vehicle.Powertrain.CombustionEngine.EOP", round(engine.oilPressureKpa(), 0));
            s.put("Vehicle.OBD.EngineLoad", round(engine.loadPct(), 1));
            s.put("Vehicle.OBD.ThrottlePosition", round(engine.running() ? Math.min(100, engine.loadPct() * 0.7 + 2) : 0, 1));
            s.put("Vehicle.OBD.IntakeTemp", round(ambient + (engine.running() ? 6 + kmh / 40 : 2), 1));
            s.put("Vehicle.OBD.FuelLevel", round(fuelPct, 1));
        } else {
            volts = ignition || charging ? 14.0 - (1 - lowVoltage.soc()) * 0.3 : lowVoltage.restingVolts();
            s.put("Vehicle.Powertrain.TractionBattery.CurrentVoltage", round(traction.terminalVolts(), 1));
            s.put("Vehicle.Powertrain.TractionBattery.CurrentCurrent", round(traction.currentA(), 1));
            s.put("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current", round(traction.soc() * 100, 2));
            s.put("Vehicle.Powertrain.TractionBattery.Temperature.Average", round(traction.temperatureC(), 1));
            s.put("Vehicle.Powertrain.TractionBattery.GrossCapacity", profile.nameplateKwh());
            s.put("Vehicle.Powertrain.TractionBattery.NominalVoltage", round(traction.nominalVolts(), 1));
        }
        s.put("Vehicle.LowVoltageBattery.CurrentVoltage", round(volts + (noise.nextDouble() - 0.5) * 0.04, 2));
        return s;
    }

    /** The car's hidden state now. */
    public VehicleTruth truth() {
        double[] cold = new double[4];
        for (int i = 0; i < 4; i++) {
            cold[i] = round(tires.coldKpa(i), 2);
        }
        return new VehicleTruth(now, round(odometerKm, 3), round(brakes.frontMm(), 4), round(brakes.rearMm(), 4),
                round(brakes.frontWornPercent(), 2), round(brakes.rearWornPercent(), 2),
                round(lowVoltage.health(), 4), round(lowVoltage.soc(), 4), round(lowVoltage.restingVolts(), 3),
                traction == null ? null : round(traction.health(), 4),
                traction == null ? null : round(traction.equivalentFullCycles(), 3), cold);
    }

    VehicleTruth initialTruth() {
        return initial;
    }

    List<VehicleTruth> dailyTruth() {
        return daily;
    }

    List<GroundTruthManifest.ServiceEntry> services() {
        return services;
    }

    List<GroundTruthManifest.FaultEntry> faultEntries() {
        List<GroundTruthManifest.FaultEntry> entries = new ArrayList<>();
        for (FaultState f : faults) {
            entries.add(new GroundTruthManifest.FaultEntry(profile.index(), vin(), f.spec.kind(), f.startsAt,
                    f.spec.kind().expectedAlert().name(), f.dtc, f.wheel < 0 ? null : TireModel.WHEELS[f.wheel],
                    symptom(f.spec.kind()), f.firstSymptomAt, f.resolvedAt));
        }
        return entries;
    }

    static String symptom(FaultKind kind) {
        return switch (kind) {
            case COOLANT_OVERHEAT -> "Vehicle.Powertrain.CombustionEngine.ECT > 110";
            case FAILING_12V_BATTERY -> "12 V resting voltage < 12.2 V with the ignition off, or cranking dip < 9.6 V";
            case FAST_PAD_WEAR -> "true pad wear >= 80 % on an axle";
            case DEGRADED_TRACTION_BATTERY -> "traction battery state of health 5 points below its value when the fault began";
            case SLOW_TIRE_LEAK -> "cold tyre pressure < 80 % of the set pressure";
            case DTC -> "DTC_SET event sent";
        };
    }

    private long localMidnight(long millis) {
        return Math.floorDiv(millis + utcOffset, DAY) * DAY - utcOffset;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
