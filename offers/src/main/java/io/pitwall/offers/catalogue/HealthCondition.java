package io.pitwall.offers.catalogue;

import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.health.HealthPrediction.AxleWear;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A threshold test on a health prediction. When it holds it returns the facts an offer can quote
 * ({@link Candidate#KM_LEFT}, {@link Candidate#DAYS_LEFT}, ...); a part without an estimate yet
 * never triggers.
 */
public enum HealthCondition {
    /** The worse axle's pads reach the replacement threshold within {@code threshold} km. */
    BRAKE_KM_TO_THRESHOLD_AT_MOST(0, 1_000_000) {
        @Override
        Optional<Map<String, Double>> test(HealthPrediction p, double threshold) {
            Double km = minAxle(p, AxleWear::kmToThreshold);
            return km != null && km <= threshold ? Optional.of(brakeFacts(p)) : Optional.empty();
        }
    },
    /** The worse axle's pads reach the replacement threshold within {@code threshold} days. */
    BRAKE_DAYS_TO_THRESHOLD_AT_MOST(0, 3650) {
        @Override
        Optional<Map<String, Double>> test(HealthPrediction p, double threshold) {
            Double days = minAxle(p, AxleWear::daysToThreshold);
            return days != null && days <= threshold ? Optional.of(brakeFacts(p)) : Optional.empty();
        }
    },
    /** The 12 V battery's no-start risk is at least {@code threshold} (0 to 1). */
    LOW_VOLTAGE_NO_START_RISK_AT_LEAST(0, 1) {
        @Override
        Optional<Map<String, Double>> test(HealthPrediction p, double threshold) {
            HealthPrediction.LowVoltageBattery b = p.lowVoltageBattery();
            return b != null && b.noStartRisk() >= threshold
                    ? Optional.of(Map.of(Candidate.NO_START_RISK, b.noStartRisk())) : Optional.empty();
        }
    },
    /** The traction battery's state of health is below {@code threshold} percent. */
    TRACTION_SOH_BELOW(0, 100) {
        @Override
        Optional<Map<String, Double>> test(HealthPrediction p, double threshold) {
            HealthPrediction.TractionBattery b = p.tractionBattery();
            return b != null && b.sohPercent() < threshold
                    ? Optional.of(Map.of(Candidate.SOH_PERCENT, b.sohPercent())) : Optional.empty();
        }
    };

    private final double min;
    private final double max;

    HealthCondition(double min, double max) {
        this.min = min;
        this.max = max;
    }

    abstract Optional<Map<String, Double>> test(HealthPrediction prediction, double threshold);

    boolean accepts(double threshold) {
        return Double.isFinite(threshold) && threshold >= min && threshold <= max;
    }

    String range() {
        return "from " + (long) min + " to " + (long) max;
    }

    private static Map<String, Double> brakeFacts(HealthPrediction p) {
        Map<String, Double> facts = new LinkedHashMap<>();
        Double km = minAxle(p, AxleWear::kmToThreshold);
        Double days = minAxle(p, AxleWear::daysToThreshold);
        if (km != null) {
            facts.put(Candidate.KM_LEFT, km);
        }
        if (days != null) {
            facts.put(Candidate.DAYS_LEFT, days);
        }
        return facts;
    }

    private static Double minAxle(HealthPrediction p, Function<AxleWear, Double> value) {
        if (p.brakePads() == null) {
            return null;
        }
        Double best = null;
        for (AxleWear axle : new AxleWear[] {p.brakePads().front(), p.brakePads().rear()}) {
            Double v = axle == null ? null : value.apply(axle);
            if (v != null && Double.isFinite(v) && (best == null || v < best)) {
                best = v;
            }
        }
        return best;
    }

}
