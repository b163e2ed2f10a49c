package io.pitwall.simulators.scenario;

/**
 * The hidden state of one car at one moment: what detection and prediction should estimate.
 * Traction-battery fields are null for combustion cars.
 *
 * @param frontPadMm          front-axle pad thickness (new: 12 mm; 100 % worn at 2 mm)
 * @param rearPadMm           rear-axle pad thickness (new: 10 mm)
 * @param frontPadWornPercent what a perfect wear sensor would read on the front axle
 * @param lowVoltageHealth    12 V battery capacity as a share of nameplate
 * @param tractionHealth      traction battery capacity as a share of nameplate (state of health)
 * @param tyreColdKpa         cold pressure per wheel: Row1.Left, Row1.Right, Row2.Left, Row2.Right
 */
public record VehicleTruth(long at, double odometerKm, double frontPadMm, double rearPadMm,
                           double frontPadWornPercent, double rearPadWornPercent,
                           double lowVoltageHealth, double lowVoltageSoc, double lowVoltageRestingVolts,
                           Double tractionHealth, Double tractionEquivalentCycles, double[] tyreColdKpa) {
}
