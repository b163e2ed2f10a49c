package io.pitwall.jobs.health.brakes;

/**
 * What the estimator knows about one axle's pads. Until the car's own wear coefficient is known,
 * wear is the last known value (a sensor reading, or zero after new pads) plus the prior
 * coefficient times the friction energy since. Once sensor readings span enough braking, wear is
 * the least-squares line through all of them since the last pad change: whole-percent sensor
 * steps average out instead of making the estimate jump. The energy includes an estimate for the
 * distance the car drove between samples too far apart to integrate (see {@link BrakeState}), so
 * the coefficient is wear per joule the pads took, not per joule the samples happened to show.
 * A Flink POJO.
 */
public class AxleState {
    /**
     * Friction braking energy on this axle since the vehicle was first seen, joules: integrated
     * from the samples, plus the estimate for driving between samples too far apart.
     */
    public double energyJ;
    /** Energy at the last pad change (or first sight); regression energies are relative to it. */
    public double baseEnergyJ;
    public double anchorWear;
    public double anchorEnergyJ;
    /** True once the anchor is a fact (sensor or new pads), not a guess. */
    public boolean anchorKnown;
    /** Wear percent per joule: the prior until calibrated. */
    public double wearPerJoule;
    public boolean calibrated;
    /** Least-squares sums over sensor readings since the last pad change, energies in MJ. */
    public int n;
    public double sumE;
    public double sumW;
    public double sumEE;
    public double sumEW;
    public double fitIntercept;
    /** Start of the open BRAKE_PADS_WORN episode, or -1. */
    public long wornSince = -1;
    public String wornSeverity;

    public AxleState() {
    }

    double wear() {
        if (calibrated) {
            return fitIntercept + wearPerJoule * (energyJ - baseEnergyJ);
        }
        return anchorWear + wearPerJoule * (energyJ - anchorEnergyJ);
    }

    /** Wear percent per km when this axle's friction brakes take {@code axleJoulesPerKm}. */
    double wearPerKm(double axleJoulesPerKm) {
        return wearPerJoule * axleJoulesPerKm;
    }

    void addReading(double wear) {
        double e = (energyJ - baseEnergyJ) / 1e6;
        n++;
        sumE += e;
        sumW += wear;
        sumEE += e * e;
        sumEW += e * wear;
    }

    /** Energy spread of the readings, joules: the fit means something only when it is wide. */
    double readingSpreadJoules() {
        if (n < 3) {
            return 0;
        }
        double variance = sumEE / n - (sumE / n) * (sumE / n);
        return Math.sqrt(Math.max(0, variance)) * Math.sqrt(12) * 1e6;
    }

    /** Refits the line; returns false (leaving the coefficient alone) if the slope is not positive. */
    boolean refit() {
        double denominator = n * sumEE - sumE * sumE;
        if (denominator <= 0) {
            return false;
        }
        double slopePerMj = (n * sumEW - sumE * sumW) / denominator;
        if (slopePerMj <= 0) {
            return false;
        }
        wearPerJoule = slopePerMj / 1e6;
        fitIntercept = (sumW - slopePerMj * sumE) / n;
        calibrated = true;
        return true;
    }

    /** New pads: wear starts over at zero; the car's coefficient stays (it reflects its brakes). */
    void newPads() {
        baseEnergyJ = energyJ;
        anchorWear = 0;
        anchorEnergyJ = energyJ;
        anchorKnown = true;
        n = 0;
        sumE = 0;
        sumW = 0;
        sumEE = 0;
        sumEW = 0;
        fitIntercept = 0;
        calibrated = false;
    }
}
