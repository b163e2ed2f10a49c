package io.pitwall.simulators.mqtt;

import java.util.Locale;

/** The MQTT protocol versions the contract allows a vehicle to speak (CONTRACTS.md section 1). */
public enum MqttProtocol {
    V3_1_1("3.1.1"),
    V5("5.0");

    private final String label;

    MqttProtocol(String label) {
        this.label = label;
    }

    /** {@code 3}, {@code 3.1.1}, {@code 5} or {@code 5.0}, as people write it on a command line. */
    public static MqttProtocol parse(String text) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replaceFirst("^v", "");
        return switch (v) {
            case "3", "3.1.1", "311" -> V3_1_1;
            case "5", "5.0" -> V5;
            default -> throw new IllegalArgumentException("--mqtt-version is 3 (MQTT 3.1.1) or 5 (MQTT 5.0), not '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
