package io.pitwall.simulators.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/** Seeded choices of which faults strike which cars when, for runs that want "some faults". */
public final class FaultPlan {

    private FaultPlan() {
    }

    /**
     * {@code count} faults of kinds taken in turn, each on a car whose powertrain can have it, each
     * starting somewhere in the first half of {@code span} (so its symptom has time to show).
     */
    public static List<FaultSpec> random(long seed, int count, int vehicles, IntFunction<VehicleProfile> profiles, Duration span) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_033L + 5);
        FaultKind[] kinds = FaultKind.values();
        int offset = random.nextInt(kinds.length);
        List<FaultSpec> faults = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            FaultKind kind = kinds[(offset + k) % kinds.length];
            List<Integer> fit = ScenarioManifests.fitting(kind, vehicles, profiles);
            if (fit.isEmpty()) {
                continue;
            }
            int vehicle = fit.get(random.nextInt(fit.size()));
            Duration after = Duration.ofMillis(random.nextLong(Math.max(1, span.toMillis() / 2)));
            faults.add(new FaultSpec(kind, vehicle, Duration.ofSeconds(after.toSeconds()),
                    kind == FaultKind.DTC ? VehicleSimulation.DTC_CODES.get(random.nextInt(VehicleSimulation.DTC_CODES.size())) : null));
        }
        return faults;
    }
}
