package io.pitwall.contracts.health;

/**
 * The latest health estimate for one vehicle, on {@code vehicle.health} keyed by VIN. Each part is
 * null while there is not enough data for it yet, and the traction battery is null for a car
 * without one.
 *
 * @param asOf       time of the newest sample the estimate uses, epoch milliseconds
 * @param odometerKm the odometer reading at {@code asOf}, null if unknown
 */
public record HealthPrediction(
        int schemaVersion,
        String vin,
        long asOf,
        Double odometerKm,
        BrakePads brakePads,
        LowVoltageBattery lowVoltageBattery,
        TractionBattery tractionBattery) {

    public static final int SCHEMA_VERSION = 1;

    /** Brake pad wear per axle; an axle is null until it can be estimated. */
    public record BrakePads(AxleWear front, AxleWear rear) {
    }

    /**
     * @param wearPercent     how worn the axle's pads are, 0 (new) to 100 (gone)
     * @param kmToThreshold   kilometres until the replacement threshold, null if it cannot be projected yet
     * @param daysToThreshold days until the replacement threshold at the recent driving rate, null likewise
     * @param confidence      0 to 1; higher with a wear sensor and more braking history
     */
    public record AxleWear(double wearPercent, Double kmToThreshold, Double daysToThreshold, double confidence) {
    }

    /**
     * @param state          {@link #GOOD}, {@link #WEAK} or {@link #REPLACE}
     * @param restingVoltage the battery voltage after the car has stood, in volts
     * @param noStartRisk    probability, 0 to 1, that the next cold start fails
     */
    public record LowVoltageBattery(String state, double restingVoltage, double noStartRisk) {
        public static final String GOOD = "GOOD";
        public static final String WEAK = "WEAK";
        public static final String REPLACE = "REPLACE";
    }

    /**
     * @param sohPercent     state of health: usable capacity as a percentage of nameplate
     * @param fadePer10000Km SoH percentage points lost per 10,000 km, null until there is a trend
     * @param date80Percent  ISO date (yyyy-MM-dd) when SoH is projected to cross 80 %, null if not projected
     * @param date70Percent  ISO date when SoH is projected to cross 70 %, null if not projected
     * @param confidence     0 to 1
     */
    public record TractionBattery(double sohPercent, Double fadePer10000Km, String date80Percent, String date70Percent,
                                  double confidence) {
    }
}
