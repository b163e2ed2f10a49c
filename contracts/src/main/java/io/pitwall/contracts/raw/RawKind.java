package io.pitwall.contracts.raw;

/** Which MQTT message a {@link RawRecord} carries, and so which of its payload fields is set. */
public enum RawKind {
    /** {@code samples} is set. */
    TELEMETRY,
    /** {@code event} is set. */
    EVENT,
    /** {@code online} is set. */
    STATUS
}
