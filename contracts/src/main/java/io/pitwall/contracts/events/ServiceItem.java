package io.pitwall.contracts.events;

import java.util.Optional;

/**
 * The service items the analytics act on, as they appear in a SERVICE_DONE event's
 * {@code detail.items}. Devices and workshops may report other items; those stay in the event as
 * plain strings, and {@link #parse(String)} simply finds nothing for them.
 */
public enum ServiceItem {
    BRAKE_PADS_FRONT,
    BRAKE_PADS_REAR,
    BATTERY_12V,
    TRACTION_BATTERY_CHECK,
    TIRES,
    OIL_CHANGE,
    COOLANT;

    public static Optional<ServiceItem> parse(String item) {
        for (ServiceItem known : values()) {
            if (known.name().equals(item)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }
}
