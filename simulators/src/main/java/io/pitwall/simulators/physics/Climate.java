package io.pitwall.simulators.physics;

/**
 * Outside air temperature as a smooth function of time: a seasonal swing around the city's
 * yearly mean and a daily swing peaking mid-afternoon. Deterministic, so every car in a city
 * sees the same weather.
 */
public final class Climate {

    private final double meanC;
    private final double seasonalSwingC;
    private final double utcOffsetHours;

    public Climate(double meanC, double seasonalSwingC, double utcOffsetHours) {
        this.meanC = meanC;
        this.seasonalSwingC = seasonalSwingC;
        this.utcOffsetHours = utcOffsetHours;
    }

    public double airTemperatureC(long epochMillis) {
        double days = epochMillis / 86_400_000.0;
        // Coldest around 15 January, warmest around mid-July.
        double season = -Math.cos(2 * Math.PI * (days - 15) / 365.25);
        double hourOfDay = ((epochMillis / 3_600_000.0) + utcOffsetHours) % 24;
        double daily = -Math.cos(2 * Math.PI * (hourOfDay - 3) / 24);
        return meanC + seasonalSwingC * season + 4.5 * daily;
    }
}
