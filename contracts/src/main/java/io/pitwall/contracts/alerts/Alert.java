package io.pitwall.contracts.alerts;

import io.pitwall.contracts.NameUuid;
import java.util.Map;
import java.util.UUID;

/**
 * An anomaly or health warning for one vehicle, on {@code vehicle.alerts} keyed by VIN.
 *
 * @param alertId        the episode's id from {@link #alertId}, the same in every state of the episode and on every replay
 * @param eventTime      time of the sample that triggered this record, epoch milliseconds
 * @param detectedAt     when the pipeline produced it, epoch milliseconds
 * @param evidence       the signals, values, thresholds or baselines that led to it
 * @param recommendation what the owner or workshop should do, or null
 */
public record Alert(
        int schemaVersion,
        String alertId,
        String vin,
        AlertKind kind,
        Severity severity,
        AlertState state,
        long eventTime,
        long detectedAt,
        Map<String, Object> evidence,
        String recommendation) {

    public static final int SCHEMA_VERSION = 1;

    private static final UUID NAMESPACE = NameUuid.v5(NameUuid.URL_NAMESPACE, "https://pitwall.io/ids/alert");

    /**
     * The id of an alert episode: a name-based UUID of the vehicle, the kind and the time the
     * episode started, so reprocessing the same data yields the same id and consumers can dedupe.
     */
    public static String alertId(String vin, AlertKind kind, long episodeStartMillis) {
        return NameUuid.v5(NAMESPACE, vin + "/" + kind.name() + "/" + episodeStartMillis).toString();
    }
}
