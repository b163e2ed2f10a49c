package io.pitwall.jobs.input;

/** The COVESA VSS paths the analytics read (CONTRACTS.md, "Signals the analytics use"). */
public final class Signals {
    public static final String SPEED = "Vehicle.Speed";
    public static final String ODOMETER = "Vehicle.TraveledDistance";
    public static final String ACCEL_LONGITUDINAL = "Vehicle.Acceleration.Longitudinal";
    public static final String BRAKE_PEDAL = "Vehicle.Chassis.Brake.PedalPosition";
    public static final String PAD_WEAR_FRONT_LEFT = "Vehicle.Chassis.Axle.Row1.Wheel.Left.Brake.PadWear";
    public static final String PAD_WEAR_FRONT_RIGHT = "Vehicle.Chassis.Axle.Row1.Wheel.Right.Brake.PadWear";
    public static final String PAD_WEAR_REAR_LEFT = "Vehicle.Chassis.Axle.Row2.Wheel.Left.Brake.PadWear";
    public static final String PAD_WEAR_REAR_RIGHT = "Vehicle.Chassis.Axle.Row2.Wheel.Right.Brake.PadWear";
    public static final String TIRE_FRONT_LEFT = "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure";
    public static final String TIRE_FRONT_RIGHT = "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure";
    public static final String TIRE_REAR_LEFT = "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure";
    public static final String TIRE_REAR_RIGHT = "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure";
    public static final String ENGINE_RPM = "Vehicle.Powertrain.CombustionEngine.Speed";
    public static final String COOLANT_TEMP = "Vehicle.Powertrain.CombustionEngine.ECT";
    public static final String OIL_PRESSURE = "Vehicle.Powertrain.CombustionEngine.EOP";
    public static final String ENGINE_LOAD = "Vehicle.OBD.EngineLoad";
    public static final String AIR_TEMP = "Vehicle.Exterior.AirTemperature";
    public static final String LV_BATTERY_VOLTAGE = "Vehicle.LowVoltageBattery.CurrentVoltage";
    public static final String HV_VOLTAGE = "Vehicle.Powertrain.TractionBattery.CurrentVoltage";
    public static final String HV_CURRENT = "Vehicle.Powertrain.TractionBattery.CurrentCurrent";
    public static final String HV_SOC = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current";
    public static final String HV_TEMP = "Vehicle.Powertrain.TractionBattery.Temperature.Average";
    public static final String HV_GROSS_CAPACITY = "Vehicle.Powertrain.TractionBattery.GrossCapacity";
    /** Not in the contract's table, but a standard VSS signal: the voltage the nameplate kWh is rated at. */
    public static final String HV_NOMINAL_VOLTAGE = "Vehicle.Powertrain.TractionBattery.NominalVoltage";

    public static final String[] TIRES = {TIRE_FRONT_LEFT, TIRE_FRONT_RIGHT, TIRE_REAR_LEFT, TIRE_REAR_RIGHT};

    private Signals() {
    }
}
