package io.pitwall.gateway.mqtt;

import io.pitwall.contracts.VehicleTopic;

/**
 * A connection's will message, checked at CONNECT against the vehicle's own topics. A vehicle's
 * will is normally {@code {"online":false}} on its status topic; it is stored like a status
 * publish when the connection ends abnormally.
 *
 * @param delaySeconds MQTT 5 will delay; 0 in 3.1.1
 */
public record Will(String topicName, VehicleTopic topic, byte[] payload, int qos, boolean retain,
                   long delaySeconds, String contentType) {
}
