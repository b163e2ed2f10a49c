package io.pitwall.jobs.offers;

/** What a {@link VehicleFact} carries, and so which record its JSON is. */
public enum FactKind {
    /** an {@code Alert} from {@code vehicle.alerts} */
    ALERT,
    /** a {@code HealthPrediction} from {@code vehicle.health} */
    HEALTH,
    /** a {@code SERVICE_DONE} {@code VehicleEvent} from {@code telemetry.raw} */
    SERVICE_DONE
}
