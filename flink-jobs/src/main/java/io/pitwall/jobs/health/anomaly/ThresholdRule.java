package io.pitwall.jobs.health.anomaly;

import io.pitwall.contracts.alerts.AlertKind;

import java.io.Serializable;

/**
 * One threshold rule with hysteresis and minimum duration. An episode opens when the reading is
 * beyond {@code warnLevel} for {@code minDurationMillis} while the operating condition holds; it
 * escalates to CRITICAL beyond {@code criticalLevel}; it ends once the reading is back past
 * {@code clearLevel} (the hysteresis band keeps a value hovering at the threshold from flapping)
 * for {@code clearDurationMillis}.
 *
 * @param low true when low values are bad (oil pressure, tyres), false when high ones are (coolant)
 */
public record ThresholdRule(String id, AlertKind kind, ReadingSource source, OperatingCondition condition,
                            boolean low, double warnLevel, double criticalLevel, double clearLevel,
                            long minDurationMillis, long clearDurationMillis, String recommendation)
        implements Serializable {

    public ThresholdRule {
        boolean ordered = low ? criticalLevel <= warnLevel && warnLevel < clearLevel
                : criticalLevel >= warnLevel && warnLevel > clearLevel;
        if (!ordered) {
            throw new IllegalArgumentException("Rule " + id + ": levels must run critical, warn, clear "
                    + (low ? "upwards" : "downwards") + " (hysteresis), got " + criticalLevel + ", " + warnLevel
                    + ", " + clearLevel);
        }
    }

    boolean beyondWarn(double v) {
        return low ? v < warnLevel : v > warnLevel;
    }

    boolean beyondCritical(double v) {
        return low ? v < criticalLevel : v > criticalLevel;
    }

    boolean recovered(double v) {
        return low ? v >= clearLevel : v <= clearLevel;
    }

    /** The worse of two readings under this rule. */
    double worse(double a, double b) {
        return low ? Math.min(a, b) : Math.max(a, b);
    }
}
