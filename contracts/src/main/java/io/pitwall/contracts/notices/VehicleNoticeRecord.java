package io.pitwall.contracts.notices;

/** A notice waiting for delivery, on {@code vehicle.notices} keyed by VIN; the gateway publishes {@code notice} to that vehicle. */
public record VehicleNoticeRecord(int schemaVersion, String vin, Notice notice) {

    public static final int SCHEMA_VERSION = 1;

    public static VehicleNoticeRecord of(String vin, Notice notice) {
        return new VehicleNoticeRecord(SCHEMA_VERSION, vin, notice);
    }
}
