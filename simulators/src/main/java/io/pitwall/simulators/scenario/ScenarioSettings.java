package io.pitwall.simulators.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a simulated fleet does beyond its size and clock: daily routines or endless city driving,
 * events, how untidy the transmissions are, which faults start when.
 *
 * @param dailyRoutine       commute / park / errand / overnight rest; false = endless urban stop-and-go
 * @param events             send IGNITION_ON/OFF, DTC_SET/CLEARED and SERVICE_DONE events
 * @param statusMessages     send the retained {@code {"online":true}} status after each (re)connect
 * @param electricShare      share of the fleet that is electric, 0-1 (which cars follows from the seed)
 * @param mess               transmission untidiness
 * @param qosPolicy          telemetry QoS; null means the fleet's single QoS setting
 * @param faults             faults to inject
 * @param parkedReportPeriod how often a parked car reports; null means as often as when driving
 * @param start              simulated time of the first sample; null lets the runner choose
 */
public record ScenarioSettings(boolean dailyRoutine, boolean events, boolean statusMessages, double electricShare,
                               MessSettings mess, QosPolicy qosPolicy, List<FaultSpec> faults,
                               Duration parkedReportPeriod, Instant start) {

    public ScenarioSettings {
        Objects.requireNonNull(mess, "mess");
        faults = List.copyOf(faults);
        if (electricShare < 0 || electricShare > 1) {
            throw new IllegalArgumentException("electricShare is a share of the fleet, 0-1, was " + electricShare);
        }
    }

    /** One sample per tick per car, endless city driving, no events or mess: the walking-skeleton stream. */
    public static ScenarioSettings plain() {
        return new ScenarioSettings(false, false, false, 0, MessSettings.none(), null, List.of(), null, null);
    }

    /** Daily routines, a third of the fleet electric, events and realistic mess. */
    public static ScenarioSettings realistic() {
        return new ScenarioSettings(true, true, true, 0.35, MessSettings.realistic(), null, List.of(),
                Duration.ofMinutes(15), null);
    }

    public ScenarioSettings withFaults(List<FaultSpec> faults) {
        return new ScenarioSettings(dailyRoutine, events, statusMessages, electricShare, mess, qosPolicy, faults, parkedReportPeriod, start);
    }

    public ScenarioSettings withMess(MessSettings mess) {
        return new ScenarioSettings(dailyRoutine, events, statusMessages, electricShare, mess, qosPolicy, faults, parkedReportPeriod, start);
    }

    public ScenarioSettings withQosPolicy(QosPolicy qosPolicy) {
        return new ScenarioSettings(dailyRoutine, events, statusMessages, electricShare, mess, qosPolicy, faults, parkedReportPeriod, start);
    }

    public ScenarioSettings withElectricShare(double share) {
        return new ScenarioSettings(dailyRoutine, events, statusMessages, share, mess, qosPolicy, faults, parkedReportPeriod, start);
    }

    public ScenarioSettings withStart(Instant start) {
        return new ScenarioSettings(dailyRoutine, events, statusMessages, electricShare, mess, qosPolicy, faults, parkedReportPeriod, start);
    }

    public ScenarioSettings withParkedReportPeriod(Duration period) {
        return new ScenarioSettings(dailyRoutine, events, statusMessages, electricShare, mess, qosPolicy, faults, period, start);
    }
}
