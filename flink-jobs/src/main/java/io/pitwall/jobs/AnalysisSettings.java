package io.pitwall.jobs;

import io.pitwall.jobs.config.JobConfig;
import io.pitwall.jobs.health.battery.LowVoltageBatteryEstimator;
import io.pitwall.jobs.health.battery.TractionBatteryEstimator;
import io.pitwall.jobs.health.brakes.BrakeSettings;
import io.pitwall.jobs.health.anomaly.BaselineAnomalyDetector;
import io.pitwall.jobs.health.anomaly.DtcDetector;
import io.pitwall.jobs.health.anomaly.ThresholdRule;
import io.pitwall.jobs.health.anomaly.ThresholdRules;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The parameters of the detectors and the gate in front of them. */
public record AnalysisSettings(Duration allowedLateness, Duration dedupRetention, List<ThresholdRule> thresholdRules,
                               Set<String> criticalDtcs, BaselineAnomalyDetector.Settings baselines,
                               BrakeSettings brakes,
                               LowVoltageBatteryEstimator.Settings lowVoltageBattery,
                               TractionBatteryEstimator.Settings tractionBattery) implements Serializable {

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(Duration.ofHours(6), Duration.ofDays(7), ThresholdRules.defaults(),
                DtcDetector.DEFAULT_CRITICAL_CODES, BaselineAnomalyDetector.Settings.defaults(), BrakeSettings.defaults(),
                LowVoltageBatteryEstimator.Settings.defaults(), TractionBatteryEstimator.Settings.defaults());
    }

    public static AnalysisSettings from(JobConfig config) {
        AnalysisSettings d = defaults();
        return new AnalysisSettings(config.allowedLateness(), config.dedupRetention(), d.thresholdRules(),
                d.criticalDtcs(), d.baselines(), d.brakes(), d.lowVoltageBattery(), d.tractionBattery());
    }
}
