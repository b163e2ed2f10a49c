package io.pitwall.sink.clickhouse.tables;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The VSS signals that get a column of their own in {@code telemetry}, in table order, and the
 * column type each needs. Any other path goes to the {@code other_signal_*} arrays.
 */
public final class TelemetryColumns {

    /** VSS path -> column name, in the order of the columns in V001__telemetry.sql. */
    public static final Map<String, String> SIGNAL_COLUMNS = signalColumns();

    /** Columns stored as Float64 because Float32 would lose precision that matters. */
    static final java.util.Set<String> DOUBLE_COLUMNS = java.util.Set.of("odometer_km", "latitude", "longitude");

    private TelemetryColumns() {
    }

    private static Map<String, String> signalColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Vehicle.Speed", "speed_kmh");
        m.put("Vehicle.TraveledDistance", "odometer_km");
        m.put("Vehicle.CurrentLocation.Latitude", "latitude");
        m.put("Vehicle.CurrentLocation.Longitude", "longitude");
        m.put("Vehicle.Acceleration.Longitudinal", "accel_longitudinal_ms2");
        m.put("Vehicle.Chassis.Brake.PedalPosition", "brake_pedal_pct");
        m.put("Vehicle.Chassis.Axle.Row1.Wheel.Left.Brake.PadWear", "pad_wear_front_left_pct");
        m.put("Vehicle.Chassis.Axle.Row1.Wheel.Right.Brake.PadWear", "pad_wear_front_right_pct");
        m.put("Vehicle.Chassis.Axle.Row2.Wheel.Left.Brake.PadWear", "pad_wear_rear_left_pct");
        m.put("Vehicle.Chassis.Axle.Row2.Wheel.Right.Brake.PadWear", "pad_wear_rear_right_pct");
        m.put("Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", "tire_pressure_front_left_kpa");
        m.put("Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure", "tire_pressure_front_right_kpa");
        m.put("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", "tire_pressure_rear_left_kpa");
        m.put("Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure", "tire_pressure_rear_right_kpa");
        m.put("Vehicle.Powertrain.CombustionEngine.Speed", "engine_rpm");
        m.put("Vehicle.Powertrain.CombustionEngine.ECT", "coolant_temp_c");
        m.put("Vehicle.Powertrain.CombustionEngine.EOP", "oil_pressure_kpa");
        m.put("Vehicle.OBD.EngineLoad", "engine_load_pct");
        m.put("Vehicle.OBD.ThrottlePosition", "throttle_pct");
        m.put("Vehicle.OBD.IntakeTemp", "intake_temp_c");
        m.put("Vehicle.Exterior.AirTemperature", "air_temp_c");
        m.put("Vehicle.OBD.FuelLevel", "fuel_level_pct");
        m.put("Vehicle.LowVoltageBattery.CurrentVoltage", "lv_battery_voltage_v");
        m.put("Vehicle.Powertrain.TractionBattery.CurrentVoltage", "hv_battery_voltage_v");
        m.put("Vehicle.Powertrain.TractionBattery.CurrentCurrent", "hv_battery_current_a");
        m.put("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current", "hv_battery_soc_pct");
        m.put("Vehicle.Powertrain.TractionBattery.Temperature.Average", "hv_battery_temp_c");
        m.put("Vehicle.Powertrain.TractionBattery.GrossCapacity", "hv_battery_gross_capacity_kwh");
        return java.util.Collections.unmodifiableMap(m);
    }
}
