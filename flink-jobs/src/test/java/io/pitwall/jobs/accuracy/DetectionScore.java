package io.pitwall.jobs.accuracy;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.simulators.scenario.GroundTruthManifest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores alerts against a simulated run's ground truth. A fault counts as detected by an OPEN
 * alert of its expected kind on its vehicle between the fault's start and its repair (or the end
 * of the run); time to detect is measured from the first moment the symptom was visible in the
 * data. An alert of the trouble code a fault makes the car set is the fault's doing too. Any other
 * OPEN alert of a kind the simulator can inject is a false alarm.
 */
final class DetectionScore {

    /** One injected fault and what the pipeline made of it. */
    record FaultOutcome(GroundTruthManifest.FaultEntry fault, Alert firstAlert) {
        boolean detected() {
            return firstAlert != null;
        }

        boolean symptomVisible() {
            return fault.firstSymptomAt() != null;
        }

        Duration timeToDetect() {
            return firstAlert == null || fault.firstSymptomAt() == null ? null
                    : Duration.ofMillis(firstAlert.eventTime() - fault.firstSymptomAt());
        }
    }

    private final List<FaultOutcome> outcomes = new ArrayList<>();
    private final List<Alert> falseAlarms = new ArrayList<>();
    private final double vehicleDays;

    DetectionScore(GroundTruthManifest manifest, List<Alert> alerts, Set<AlertKind> scoredKinds) {
        List<Alert> opens = alerts.stream().filter(a -> a.state() == AlertState.OPEN)
                .filter(a -> scoredKinds.contains(a.kind()))
                .collect(Collectors.toMap(Alert::alertId, a -> a, (a, b) -> a, LinkedHashMap::new))
                .values().stream().sorted((a, b) -> Long.compare(a.eventTime(), b.eventTime())).toList();
        List<Alert> explained = new ArrayList<>();
        for (GroundTruthManifest.FaultEntry fault : manifest.faults()) {
            long until = fault.resolvedAt() != null ? fault.resolvedAt() : manifest.endedAt();
            Alert first = opens.stream()
                    .filter(a -> a.vin().equals(fault.vin()) && a.kind().name().equals(fault.expectedAlert()))
                    .filter(a -> a.eventTime() >= fault.startsAt() && a.eventTime() <= until)
                    .findFirst().orElse(null);
            outcomes.add(new FaultOutcome(fault, first));
            // The fault's expected alert, and the trouble code the fault makes the car set, are both its doing.
            opens.stream()
                    .filter(a -> a.vin().equals(fault.vin()) && a.eventTime() >= fault.startsAt() && a.eventTime() <= until)
                    .filter(a -> a.kind().name().equals(fault.expectedAlert())
                            || (a.kind() == AlertKind.DTC_NEW && fault.dtcCode() != null
                                && fault.dtcCode().equals(a.evidence().get("code"))))
                    .forEach(explained::add);
        }
        opens.stream().filter(a -> !explained.contains(a)).forEach(falseAlarms::add);
        this.vehicleDays = manifest.vehicles().size() * (manifest.endedAt() - manifest.startedAt()) / 86_400_000d;
    }

    List<FaultOutcome> outcomes() {
        return outcomes;
    }

    List<Alert> falseAlarms() {
        return falseAlarms;
    }

    double vehicleDays() {
        return vehicleDays;
    }

    double falseAlarmsPer1000VehicleDays() {
        return falseAlarms.size() * 1000 / vehicleDays;
    }

    /** A table for the test log and docs/health.md. */
    String report(String title) {
        StringBuilder out = new StringBuilder("\n" + title + " (" + Math.round(vehicleDays) + " vehicle-days)\n");
        out.append("| fault | vehicle | symptom visible | detected | time to detect |\n| --- | --- | --- | --- | --- |\n");
        for (FaultOutcome o : outcomes) {
            out.append("| ").append(o.fault().fault()).append(" | ").append(o.fault().vehicleIndex()).append(" | ")
                    .append(o.symptomVisible() ? "yes" : "no").append(" | ").append(o.detected() ? "yes" : "no")
                    .append(" | ").append(o.timeToDetect() == null ? "-" : human(o.timeToDetect())).append(" |\n");
        }
        Map<AlertKind, Long> byKind = falseAlarms.stream().collect(Collectors.groupingBy(Alert::kind, Collectors.counting()));
        out.append("false alarms: ").append(falseAlarms.size()).append(" ").append(byKind)
                .append(String.format(" = %.1f per 1,000 vehicle-days%n", falseAlarmsPer1000VehicleDays()));
        falseAlarms.forEach(a -> out.append("  ").append(a.vin()).append(' ').append(a.kind()).append(' ')
                .append(a.evidence()).append('\n'));
        return out.toString();
    }

    private static String human(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 0 ? "before the symptom threshold (" + (-minutes) + " min)"
                : minutes < 120 ? minutes + " min" : String.format("%.1f h", minutes / 60.0);
    }
}
