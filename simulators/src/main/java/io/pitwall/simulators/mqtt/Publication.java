package io.pitwall.simulators.mqtt;

/**
 * One PUBLISH exactly as it leaves the device.
 *
 * @param contentType the MQTT 5 content type property, null when none is sent (always in MQTT 3.1.1)
 */
public record Publication(String topic, byte[] payload, String contentType, int qos, boolean retained) {
}
