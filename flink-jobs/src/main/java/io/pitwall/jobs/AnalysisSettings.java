package io.pitwall.jobs;

import io.pitwall.jobs.config.JobConfig;
import io.pitwall.jobs.health.anomaly.DtcDetector;
import io.pitwall.jobs.health.anomaly.ThresholdRule;
import io.pitwall.jobs.health.anomaly.ThresholdRules;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The parameters of the detectors and the gate in front of them. */
public record AnalysisSettings(Duration allowedLateness, Duration dedupRetention, List<ThresholdRule> thresholdRules,
                               Set<String> criticalDtcs) implements Serializable {

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(Duration.ofHours(6), Duration.ofDays(7), ThresholdRules.defaults(),
                DtcDetector.DEFAULT_CRITICAL_CODES);
    }

    public static AnalysisSettings from(JobConfig config) {
        return new AnalysisSettings(config.allowedLateness(), config.dedupRetention(), ThresholdRules.defaults(),
                DtcDetector.DEFAULT_CRITICAL_CODES);
    }
}
