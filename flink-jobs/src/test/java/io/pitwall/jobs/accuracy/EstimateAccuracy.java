package io.pitwall.jobs.accuracy;

import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.simulators.scenario.GroundTruthManifest;
import io.pitwall.simulators.scenario.VehicleTruth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the job's last health estimates of each car with the simulator's hidden truth: front
 * pad km to the replacement threshold for cars with a wear sensor that drove at least 500 km, and
 * traction-battery SoH for EVs. Cars with an injected fault are left out (their truth changes
 * faster than any estimate is meant to follow).
 */
final class EstimateAccuracy {

    record PadResult(String vin, double drivenKm, double trueKm, Double estimatedKm) {
        double error() {
            return estimatedKm == null ? Double.NaN : Math.abs(estimatedKm - trueKm) / trueKm;
        }
    }

    record SohResult(String vin, double trueSoh, double estimatedSoh) {
        double error() {
            return Math.abs(estimatedSoh - trueSoh);
        }
    }

    final List<PadResult> pads = new ArrayList<>();
    final List<SohResult> soh = new ArrayList<>();

    EstimateAccuracy(GroundTruthManifest manifest, List<HealthPrediction> health, double replacementPercent,
                     Set<String> faultyVins) {
        Map<String, HealthPrediction> latest = new LinkedHashMap<>();
        health.forEach(h -> latest.put(h.vin(), h));
        for (GroundTruthManifest.VehicleEntry car : manifest.vehicles()) {
            HealthPrediction h = latest.get(car.vin());
            if (h == null || faultyVins.contains(car.vin())) {
                continue;
            }
            VehicleTruth first = car.initial();
            VehicleTruth last = car.last();
            double driven = last.odometerKm() - first.odometerKm();
            double worn = last.frontPadWornPercent() - first.frontPadWornPercent();
            if (car.padWearSensor() && driven >= 500 && worn > 0 && h.brakePads() != null && h.brakePads().front() != null) {
                double trueKm = (replacementPercent - last.frontPadWornPercent()) / (worn / driven);
                pads.add(new PadResult(car.vin(), driven, trueKm, h.brakePads().front().kmToThreshold()));
            }
            if (last.tractionHealth() != null && h.tractionBattery() != null) {
                soh.add(new SohResult(car.vin(), last.tractionHealth() * 100, h.tractionBattery().sohPercent()));
            }
        }
    }

    String report() {
        StringBuilder out = new StringBuilder("\nBrake pads, front axle, cars with a wear sensor and >= 500 km\n");
        out.append("| car | driven km | true km to threshold | estimated | error |\n| --- | --- | --- | --- | --- |\n");
        pads.forEach(p -> out.append(String.format("| %s | %.0f | %.0f | %s | %s |%n", p.vin(), p.drivenKm(), p.trueKm(),
                p.estimatedKm() == null ? "-" : String.format("%.0f", p.estimatedKm()),
                Double.isNaN(p.error()) ? "-" : String.format("%.1f %%", p.error() * 100))));
        out.append("\nTraction battery SoH, EVs\n| car | true SoH | estimated | error (points) |\n| --- | --- | --- | --- |\n");
        soh.forEach(s -> out.append(String.format("| %s | %.1f | %.1f | %.1f |%n", s.vin(), s.trueSoh(), s.estimatedSoh(),
                s.error())));
        return out.toString();
    }
}
