package io.pitwall.simulators.physics;

import java.util.SplittableRandom;

/**
 * Where the car is: it moves by the distance the speed covers, heading for its destination
 * (work in the morning, home in the evening) with the wander of real streets.
 */
public final class GpsTrack {

    private static final double METRES_PER_DEGREE = 111_320;

    private final double homeLat;
    private final double homeLon;
    private final double workLat;
    private final double workLon;
    private double lat;
    private double lon;
    private double headingRad;
    private double destLat;
    private double destLon;

    public GpsTrack(double homeLat, double homeLon, double workLat, double workLon) {
        this.homeLat = homeLat;
        this.homeLon = homeLon;
        this.workLat = workLat;
        this.workLon = workLon;
        this.lat = homeLat;
        this.lon = homeLon;
        this.destLat = workLat;
        this.destLon = workLon;
    }

    public void headHome() {
        destLat = homeLat;
        destLon = homeLon;
    }

    public void headToWork() {
        destLat = workLat;
        destLon = workLon;
    }

    /** An errand: somewhere within a few kilometres of where the car is. */
    public void headNearby(SplittableRandom random) {
        destLat = lat + (random.nextDouble() - 0.5) * 0.06;
        destLon = lon + (random.nextDouble() - 0.5) * 0.06;
    }

    public void move(double metres, SplittableRandom random) {
        if (metres <= 0) {
            return;
        }
        double cosLat = Math.cos(Math.toRadians(lat));
        double dy = (destLat - lat) * METRES_PER_DEGREE;
        double dx = (destLon - lon) * METRES_PER_DEGREE * cosLat;
        double toDest = Math.atan2(dx, dy);
        if (Math.hypot(dx, dy) > 150) {
            double turn = Math.atan2(Math.sin(toDest - headingRad), Math.cos(toDest - headingRad));
            headingRad += turn * 0.2 + (random.nextDouble() - 0.5) * 0.3;
        } else {
            // Arrived early: drive around the block looking for a space.
            headNearby(random);
        }
        lat += metres * Math.cos(headingRad) / METRES_PER_DEGREE;
        lon += metres * Math.sin(headingRad) / (METRES_PER_DEGREE * cosLat);
    }

    public double latitude() {
        return lat;
    }

    public double longitude() {
        return lon;
    }
}
