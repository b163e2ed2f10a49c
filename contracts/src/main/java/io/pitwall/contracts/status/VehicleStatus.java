package io.pitwall.contracts.status;

/**
 * A vehicle's connection state as published (retained) on {@code v1/vehicles/{vin}/status}:
 * {@code {"online":true}} on connect, and {@code {"online":false}} as the MQTT will message.
 */
public record VehicleStatus(boolean online) {

    public static final VehicleStatus ONLINE = new VehicleStatus(true);
    public static final VehicleStatus OFFLINE = new VehicleStatus(false);
}
