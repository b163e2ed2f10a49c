package io.pitwall.simulators.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Assembles the ground-truth manifest from the running cars, and checks faults against the fleet. */
public final class ScenarioManifests {

    private ScenarioManifests() {
    }

    public static GroundTruthManifest of(long seed, long startedAt, long endedAt, List<VehicleSimulation> cars,
                                         List<OwnerRecord> owners) {
        Map<String, String> ownerOf = new HashMap<>();
        owners.forEach(o -> o.vins().forEach(v -> ownerOf.put(v, o.ownerId())));
        List<GroundTruthManifest.VehicleEntry> vehicles = new ArrayList<>();
        List<GroundTruthManifest.FaultEntry> faults = new ArrayList<>();
        List<GroundTruthManifest.ServiceEntry> services = new ArrayList<>();
        for (VehicleSimulation car : cars) {
            VehicleProfile p = car.profile();
            vehicles.add(new GroundTruthManifest.VehicleEntry(p.index(), p.vin(), ownerOf.get(p.vin()), p.powertrain(),
                    p.model(), p.modelYear(), p.city().name(), p.city().timeZone(), p.padWearSensor(),
                    p.electric() ? p.nameplateKwh() : null, car.initialTruth(), car.truth(), List.copyOf(car.dailyTruth())));
            faults.addAll(car.faultEntries());
            services.addAll(car.services());
        }
        services.sort(Comparator.comparingLong(GroundTruthManifest.ServiceEntry::at));
        return new GroundTruthManifest(GroundTruthManifest.SCHEMA_VERSION, seed, startedAt, endedAt, vehicles, faults, services);
    }

    /** A fault must name a car of the fleet whose powertrain can have it. */
    public static void check(FaultSpec fault, int vehicles, IntFunction<VehicleProfile> profiles) {
        if (fault.vehicleIndex() >= vehicles) {
            throw new IllegalArgumentException("fault " + fault.kind() + " names vehicle " + fault.vehicleIndex()
                    + " but the fleet has vehicles 0-" + (vehicles - 1));
        }
        VehicleProfile profile = profiles.apply(fault.vehicleIndex());
        if (!fault.kind().appliesTo(profile.powertrain())) {
            throw new IllegalArgumentException("fault " + fault.kind() + " cannot happen to vehicle " + fault.vehicleIndex()
                    + " (" + profile.vin() + "), which is " + profile.powertrain() + "; pick another vehicle,"
                    + " e.g. " + firstFitting(fault.kind(), vehicles, profiles));
        }
        if (fault.dtcCode() != null && !io.pitwall.contracts.events.DtcCode.isValid(fault.dtcCode())) {
            throw new IllegalArgumentException("'" + fault.dtcCode() + "' is not a DTC such as P0301 (a letter P, C, B or U and four hex digits)");
        }
    }

    static String firstFitting(FaultKind kind, int vehicles, IntFunction<VehicleProfile> profiles) {
        for (int i = 0; i < vehicles; i++) {
            if (kind.appliesTo(profiles.apply(i).powertrain())) {
                return "vehicle " + i;
            }
        }
        return "a larger fleet or another electric share";
    }

    /** Picks the first {@code count} vehicles (from {@code from}) that can have {@code kind}. */
    public static List<Integer> fitting(FaultKind kind, int vehicles, IntFunction<VehicleProfile> profiles) {
        List<Integer> fit = new ArrayList<>();
        for (int i = 0; i < vehicles; i++) {
            if (kind.appliesTo(profiles.apply(i).powertrain())) {
                fit.add(i);
            }
        }
        return fit;
    }
}
