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
 * pad km to the replacement threshold for cars that drove at least 500 km on their current pads,
 * and traction-battery SoH for EVs. Cars with an injected fault are left out (their truth changes
 * faster than any estimate is meant to follow).
 *
 * <p><b>The pad truth.</b> Pads are replaced per axle, so an axle reaches the threshold when its
 * more worn pad does; that is what the estimator projects (it follows the more worn side's
 * sensor). The simulator's axle has one thickness, recorded in the manifest as the left pad's wear
 * ({@code frontPadWornPercent}); its right pad wears {@link #RIGHT_PAD_WEAR} times as much (what
 * the right sensor reports, {@code VehicleSimulation.signals}). True km = (threshold - the right
 * pad's wear now) / the right pad's wear per km, the wear per km being the run's average on the
 * current pads: the simulated driver keeps one routine, so that is the rate the coming months will
 * see, and it uses only driving the estimator has seen as well. (Checked on the one car whose pad
 * reached the threshold in a 200-day run: it came within 2 % of the odometer's count.) The left
 * pad's figure is reported next to it.
 */
final class EstimateAccuracy {

    /** The simulated right pad's wear relative to the left (the manifest's) pad. */
    static final double RIGHT_PAD_WEAR = 1.02;
    static final double MIN_DRIVEN_KM = 500;

    /**
     * @param trueKm     km until the axle's more worn pad reaches the threshold
     * @param leftPadKm  the same for the pad the manifest records
     */
    record PadResult(String vin, boolean sensor, double drivenKm, double trueKm, double leftPadKm, Double estimatedKm,
                     Double confidence) {
        /** Signed relative error: negative means the estimate calls the car in early. */
        double signedError() {
            return estimatedKm == null ? Double.NaN : (estimatedKm - trueKm) / trueKm;
        }

        double error() {
            return Math.abs(signedError());
        }

        double leftPadError() {
            return estimatedKm == null ? Double.NaN : (estimatedKm - leftPadKm) / leftPadKm;
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
        Map<String, HealthPrediction.AxleWear> latestFront = new LinkedHashMap<>();
        Map<String, HealthPrediction> latestSoh = new LinkedHashMap<>();
        for (HealthPrediction h : health) {
            if (h.brakePads() != null && h.brakePads().front() != null) {
                latestFront.put(h.vin(), h.brakePads().front());
            }
            if (h.tractionBattery() != null) {
                latestSoh.put(h.vin(), h);
            }
        }
        for (GroundTruthManifest.VehicleEntry car : manifest.vehicles()) {
            if (faultyVins.contains(car.vin())) {
                continue;
            }
            HealthPrediction.AxleWear front = latestFront.get(car.vin());
            if (front != null) {
                padResult(manifest, car, front, replacementPercent);
            }
            HealthPrediction h = latestSoh.get(car.vin());
            if (car.last().tractionHealth() != null && h != null) {
                soh.add(new SohResult(car.vin(), car.last().tractionHealth() * 100, h.tractionBattery().sohPercent()));
            }
        }
    }

    private void padResult(GroundTruthManifest manifest, GroundTruthManifest.VehicleEntry car,
                           HealthPrediction.AxleWear front, double replacementPercent) {
        // On the current pads: from the last front-pad change in the run, if there was one.
        double startKm = car.initial().odometerKm();
        double startWorn = car.initial().frontPadWornPercent();
        for (GroundTruthManifest.ServiceEntry service : manifest.services()) {
            if (service.vin().equals(car.vin()) && service.items().contains("BRAKE_PADS_FRONT")) {
                startKm = service.odometerKm();
                startWorn = 0;
            }
        }
        VehicleTruth last = car.last();
        double driven = last.odometerKm() - startKm;
        double leftPerKm = (last.frontPadWornPercent() - startWorn) / driven;
        double moreWorn = Math.min(100, last.frontPadWornPercent() * RIGHT_PAD_WEAR);
        if (driven < MIN_DRIVEN_KM || leftPerKm <= 0 || moreWorn >= replacementPercent) {
            return;
        }
        double trueKm = (replacementPercent - moreWorn) / (leftPerKm * RIGHT_PAD_WEAR);
        double leftKm = (replacementPercent - last.frontPadWornPercent()) / leftPerKm;
        pads.add(new PadResult(car.vin(), car.padWearSensor(), driven, trueKm, leftKm, front.kmToThreshold(),
                front.confidence()));
    }

    List<PadResult> sensorPads() {
        return pads.stream().filter(PadResult::sensor).toList();
    }

    List<PadResult> padsWithoutSensor() {
        return pads.stream().filter(p -> !p.sensor()).toList();
    }

    String report() {
        StringBuilder out = new StringBuilder("\nBrake pads, front axle, km to the threshold (cars >= 500 km on their pads)\n");
        out.append("| car | wear sensor | driven km | true km (more worn pad) | estimated | error | "
                + "left pad's true km | error vs left pad | confidence |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        List<PadResult> ordered = new ArrayList<>(sensorPads());
        ordered.addAll(padsWithoutSensor());
        ordered.forEach(p -> out.append(String.format("| %s | %s | %.0f | %.0f | %s | %s | %.0f | %s | %s |%n", p.vin(),
                p.sensor() ? "yes" : "no", p.drivenKm(), p.trueKm(),
                p.estimatedKm() == null ? "-" : String.format("%.0f", p.estimatedKm()), percent(p.signedError()),
                p.leftPadKm(), percent(p.leftPadError()), p.confidence())));
        out.append("\nTraction battery SoH, EVs\n| car | true SoH | estimated | error (points) |\n| --- | --- | --- | --- |\n");
        soh.forEach(s -> out.append(String.format("| %s | %.1f | %.1f | %.1f |%n", s.vin(), s.trueSoh(), s.estimatedSoh(),
                s.error())));
        return out.toString();
    }

    private static String percent(double signed) {
        return Double.isNaN(signed) ? "-" : String.format("%+.1f %%", signed * 100);
    }
}
