package io.pitwall.jobs.health;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;

import java.util.Map;

/** Builds {@link Alert} records with the episode-derived id every detector uses. */
public final class Alerts {

    private Alerts() {
    }

    /**
     * @param episodeStart when the episode began: with vehicle and kind it makes the id, so every
     *                     state of one episode, and every replay of it, carries the same id
     * @param eventTime    time of the sample or event that caused this record
     */
    public static Alert of(String vin, AlertKind kind, long episodeStart, Severity severity, AlertState state,
                           long eventTime, Map<String, Object> evidence, String recommendation) {
        return new Alert(Alert.SCHEMA_VERSION, Alert.alertId(vin, kind, episodeStart), vin, kind, severity, state,
                eventTime, System.currentTimeMillis(), evidence, recommendation);
    }
}
