package io.pitwall.local;

import io.pitwall.simulators.physics.BrakeWearModel;
import io.pitwall.simulators.scenario.GroundTruthManifest;
import io.pitwall.simulators.scenario.VehicleTruth;
import java.util.List;

/** What the simulator's ground truth says about a car, in the terms of the cookbook's questions. */
final class FleetTruth {

    private static final long DAY = 86_400_000L;
    /** The estimator's replacement threshold (85 % worn) in millimetres of pad left, per axle. */
    static final double FRONT_THRESHOLD_MM = thresholdMm(BrakeWearModel.FRONT_NEW_MM);
    static final double REAR_THRESHOLD_MM = thresholdMm(BrakeWearModel.REAR_NEW_MM);
    /** ISO 3779 / GB 16735 model-year codes, 2001 to 2030, in order. */
    private static final String YEAR_CODES = "123456789ABCDEFGHJKLMNPRSTVWXY";

    private FleetTruth() {
    }

    private static double thresholdMm(double newMm) {
        return newMm - 0.85 * (newMm - BrakeWearModel.WORN_MM);
    }

    /**
     * The true distance and time until the more urgent axle reaches 85 % worn, at the car's wear
     * rate and mileage over the last week of the run (infinite if the pads did not wear).
     */
    record PadOutlook(double kmLeft, double daysLeft, double kmPerDay) {

        boolean dueWithin(double days, double km) {
            return daysLeft <= days || kmLeft <= km;
        }
    }

    static PadOutlook pads(GroundTruthManifest.VehicleEntry vehicle) {
        VehicleTruth last = vehicle.last();
        VehicleTruth then = vehicle.initial();
        for (VehicleTruth day : vehicle.daily()) {
            if (day.at() <= last.at() - 7 * DAY) {
                then = day;
            }
        }
        double km = last.odometerKm() - then.odometerKm();
        double kmPerDay = km / ((last.at() - then.at()) / (double) DAY);
        double front = kmLeft(then.frontPadMm(), last.frontPadMm(), km, FRONT_THRESHOLD_MM);
        double rear = kmLeft(then.rearPadMm(), last.rearPadMm(), km, REAR_THRESHOLD_MM);
        double kmLeft = Math.min(front, rear);
        return new PadOutlook(kmLeft, kmLeft / kmPerDay, kmPerDay);
    }

    private static double kmLeft(double thenMm, double lastMm, double km, double thresholdMm) {
        double mmPerKm = (thenMm - lastMm) / km;
        if (!(mmPerKm > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, (lastMm - thresholdMm) / mmPerKm);
    }

    /** The model year the 10th VIN character encodes, 0 if it encodes none (as the cookbook's Q2b reads it). */
    static int modelYear(String vin) {
        int i = YEAR_CODES.indexOf(vin.charAt(9));
        return i < 0 ? 0 : 2001 + i;
    }

    /** Q2b's state-of-health bands, lowest first: below 70, 70-80, 80-90, 90-95, 95 and more. */
    static final List<Double> BAND_FLOORS = List.of(Double.NEGATIVE_INFINITY, 70.0, 80.0, 90.0, 95.0);

    static int band(double sohPercent) {
        int band = 0;
        for (int i = 0; i < BAND_FLOORS.size(); i++) {
            if (sohPercent >= BAND_FLOORS.get(i)) {
                band = i;
            }
        }
        return band;
    }

    /** Lowest and highest true traction SoH (percent) over the last {@code days} of the run. */
    static double[] tractionSohRange(GroundTruthManifest.VehicleEntry vehicle, int days) {
        VehicleTruth last = vehicle.last();
        double lo = last.tractionHealth() * 100;
        double hi = lo;
        for (VehicleTruth day : vehicle.daily()) {
            if (day.at() >= last.at() - days * DAY && day.tractionHealth() != null) {
                lo = Math.min(lo, day.tractionHealth() * 100);
                hi = Math.max(hi, day.tractionHealth() * 100);
            }
        }
        return new double[] {lo, hi};
    }
}
