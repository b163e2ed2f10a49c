package io.pitwall.offers.catalogue;

import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.Severity;

/** What starts a recommendation: an alert, a health prediction crossing a threshold, or the days after a service. */
public sealed interface Trigger {

    /** An alert of {@code kind} at {@code minSeverity} or worse (open or escalated; a resolved alert triggers nothing). */
    record OnAlert(AlertKind kind, Severity minSeverity) implements Trigger {
    }

    /** A health prediction for which {@code condition} holds against {@code threshold}. */
    record OnHealth(HealthCondition condition, double threshold) implements Trigger {
    }

    /** {@code daysAfter} days after a SERVICE_DONE event. */
    record AfterService(int daysAfter) implements Trigger {
    }
}
