package io.pitwall.simulators.cli;

import io.pitwall.simulators.scenario.FaultPlan;
import io.pitwall.simulators.scenario.FaultSpec;
import io.pitwall.simulators.scenario.MessSettings;
import io.pitwall.simulators.scenario.QosPolicy;
import io.pitwall.simulators.scenario.ScenarioSettings;
import io.pitwall.simulators.scenario.VehicleProfile;
import io.pitwall.simulators.fleet.VinFactory;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The scenario options shared by {@code simulate} and {@code generate}. */
final class ScenarioOptions {

    @Option(names = "--plain", description = "Endless city driving, one sample per tick, no events or mess (the smoke-test stream).")
    boolean plain;
    @Option(names = "--electric-share", defaultValue = "0.35", description = "Share of the fleet that is electric, 0-1 (default ${DEFAULT-VALUE}).")
    double electricShare;
    @Option(names = "--fault", paramLabel = "KIND:VEHICLE[:AFTER[:CODE]]",
            description = "Inject a fault, e.g. COOLANT_OVERHEAT:3:2d or DTC:0:90m:P0301 (repeatable). Kinds: COOLANT_OVERHEAT,"
                    + " FAILING_12V_BATTERY, FAST_PAD_WEAR, DEGRADED_TRACTION_BATTERY, SLOW_TIRE_LEAK, DTC.")
    List<String> faults = new ArrayList<>();
    @Option(names = "--random-faults", defaultValue = "0", description = "Add this many seeded faults on fitting vehicles (default ${DEFAULT-VALUE}).")
    int randomFaults;
    @Option(names = "--mess", defaultValue = "realistic", description = "Transmission mess: none or realistic (default ${DEFAULT-VALUE}).")
    String mess;
    @Option(names = "--qos-policy", description = "ALL_QOS0, ALL_QOS1 or SPLIT_BY_SIGNAL_CLASS (default: --qos for every sample).")
    QosPolicy qosPolicy;
    @Option(names = "--parked-report", defaultValue = "15m", description = "How often a parked car reports, e.g. 15m (default ${DEFAULT-VALUE}).")
    String parkedReport;
    @Option(names = "--start", description = "Simulated time of the first sample, ISO-8601 (e.g. 2026-03-02T00:00:00Z).")
    Instant start;

    ScenarioSettings settings(long seed, int vehicles, Duration span) {
        ScenarioSettings settings = plain ? ScenarioSettings.plain() : ScenarioSettings.realistic()
                .withParkedReportPeriod(FaultSpec.parseDuration(parkedReport));
        settings = settings.withMess(switch (mess) {
            case "none" -> MessSettings.none();
            case "realistic" -> MessSettings.realistic();
            default -> throw new IllegalArgumentException("--mess is none or realistic, not '" + mess + "'");
        });
        if (!plain) {
            settings = settings.withElectricShare(electricShare);
        }
        if (qosPolicy != null) {
            settings = settings.withQosPolicy(qosPolicy);
        }
        List<FaultSpec> specs = new ArrayList<>();
        faults.forEach(f -> specs.add(FaultSpec.parse(f)));
        if (randomFaults > 0) {
            double share = settings.electricShare();
            specs.addAll(FaultPlan.random(seed, randomFaults, vehicles,
                    i -> VehicleProfile.of(seed, i, VinFactory.vin(seed, i), share), span));
        }
        settings = settings.withFaults(specs);
        return start == null ? settings : settings.withStart(start);
    }
}
