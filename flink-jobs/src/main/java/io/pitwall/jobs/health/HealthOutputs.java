package io.pitwall.jobs.health;

import io.pitwall.contracts.alerts.Alert;
import org.apache.flink.util.OutputTag;

/** Estimators emit partial health predictions as their main output and alerts on this side output. */
public final class HealthOutputs {

    public static final OutputTag<Alert> ALERTS = new OutputTag<>("estimator-alerts") { };

    private HealthOutputs() {
    }
}
