package io.pitwall.simulators.scenario;

import java.util.SplittableRandom;

/**
 * The fixed facts of one simulated car, all derived from the fleet seed and its index: powertrain,
 * model, where it lives, how it is driven, and whether it has a pad-wear sensor.
 */
public record VehicleProfile(int index, String vin, Powertrain powertrain, String model, int modelYear,
                             double massKg, double dragAreaM2, double nameplateKwh, int seriesCells,
                             boolean padWearSensor, City city, double homeLat, double homeLon,
                             double workLat, double workLon, double highwayShare, double tyreSetKpa) {

    /** Where a car is registered: coordinates, climate and time zone. */
    public record City(String name, double lat, double lon, double meanC, double seasonalSwingC, String timeZone,
                       double utcOffsetHours) {
    }

    static final City[] CITIES = {
        new City("Shanghai", 31.23, 121.47, 17, 11, "Asia/Shanghai", 8),
        new City("Beijing", 39.90, 116.40, 13, 15, "Asia/Shanghai", 8),
        new City("Guangzhou", 23.13, 113.26, 22.5, 7, "Asia/Shanghai", 8),
        new City("Shenzhen", 22.54, 114.06, 23, 6, "Asia/Shanghai", 8),
        new City("Chengdu", 30.57, 104.07, 16.5, 10, "Asia/Shanghai", 8),
        new City("Hangzhou", 30.27, 120.15, 17, 12, "Asia/Shanghai", 8),
        new City("Urumqi", 43.83, 87.62, 7.5, 19, "Asia/Urumqi", 6),
    };
    private static final String[] COMBUSTION_MODELS = {"Lavida 1.5L", "Sylphy 1.6L", "Corolla 1.8L", "Haval H6 1.5T"};
    private static final String[] ELECTRIC_MODELS = {"Model 3 RWD", "Han EV", "Aion S", "ES6"};
    private static final double[] ELECTRIC_KWH = {60, 76.9, 58.8, 75};

    public static VehicleProfile of(long seed, int index, String vin, double electricShare) {
        SplittableRandom random = new SplittableRandom(seed * 31 + vin.hashCode());
        boolean electric = random.nextDouble() < electricShare;
        int model = random.nextInt(4);
        City city = random.nextDouble() < 0.05 ? CITIES[6] : CITIES[random.nextInt(6)];
        double homeLat = city.lat() + (random.nextDouble() - 0.5) * 0.25;
        double homeLon = city.lon() + (random.nextDouble() - 0.5) * 0.25;
        double workLat = homeLat + (random.nextDouble() - 0.5) * 0.2;
        double workLon = homeLon + (random.nextDouble() - 0.5) * 0.2;
        int year = 2016 + random.nextInt(10);
        double highwayShare = 0.1 + random.nextDouble() * 0.6;
        boolean padSensor = random.nextDouble() < 0.4;
        double tyre = 230 + 10 * random.nextInt(3);
        if (electric) {
            return new VehicleProfile(index, vin, Powertrain.ELECTRIC, ELECTRIC_MODELS[model], Math.max(year, 2019),
                    1850 + random.nextInt(300), 0.58, ELECTRIC_KWH[model], 96 + 4 * random.nextInt(3), padSensor, city,
                    homeLat, homeLon, workLat, workLon, highwayShare, tyre + 10);
        }
        return new VehicleProfile(index, vin, Powertrain.COMBUSTION, COMBUSTION_MODELS[model], year,
                1250 + random.nextInt(350), 0.68, 0, 0, padSensor, city, homeLat, homeLon, workLat, workLon,
                highwayShare, tyre);
    }

    public boolean electric() {
        return powertrain == Powertrain.ELECTRIC;
    }
}
