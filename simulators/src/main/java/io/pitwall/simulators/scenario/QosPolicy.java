package io.pitwall.simulators.scenario;

/**
 * Which MQTT QoS telemetry travels at. Events and status are always QoS 1, and so are batches
 * sent after a coverage gap (a dongle does not risk a buffered hour at QoS 0).
 */
public enum QosPolicy {
    /** Every live sample at QoS 0. */
    ALL_QOS0,
    /** Every live sample at QoS 1. */
    ALL_QOS1,
    /**
     * Each sample is split by signal class: driving dynamics (speed, acceleration, pedal, engine
     * speed and load, position) at QoS 0, where a lost sample is replaced a second later; health
     * signals (temperatures, voltages, pressures, wear, charge) at QoS 1. The two halves get
     * consecutive {@code seq} values and the same {@code ts}.
     */
    SPLIT_BY_SIGNAL_CLASS;

    public static QosPolicy of(int qos) {
        return switch (qos) {
            case 0 -> ALL_QOS0;
            case 1 -> ALL_QOS1;
            default -> throw new IllegalArgumentException("telemetry QoS must be 0 or 1, was " + qos);
        };
    }
}
