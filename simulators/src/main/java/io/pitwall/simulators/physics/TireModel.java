package io.pitwall.simulators.physics;

/**
 * Four tyres' pressures: a cold set pressure that slowly seeps (about 7 kPa a month, normal),
 * plus the rise as the tyres warm while driving (ideal gas). A puncture or a bad valve leaks one
 * tyre many times faster.
 */
public final class TireModel {

    /** Order: Row1.Left, Row1.Right, Row2.Left, Row2.Right. */
    public static final String[] WHEELS = {"Row1.Wheel.Left", "Row1.Wheel.Right", "Row2.Wheel.Left", "Row2.Wheel.Right"};
    private static final double NORMAL_SEEP_KPA_PER_DAY = 0.23;

    private final double setPressureKpa;
    private final double[] coldKpa = new double[4];
    private final double[] leakKpaPerDay = new double[4];
    private double warmK;

    public TireModel(double setPressureKpa, double[] coldKpa) {
        this.setPressureKpa = setPressureKpa;
        System.arraycopy(coldKpa, 0, this.coldKpa, 0, 4);
        for (int i = 0; i < 4; i++) {
            leakKpaPerDay[i] = NORMAL_SEEP_KPA_PER_DAY;
        }
    }

    public void step(double seconds, double speedKmh, double ambientC) {
        double days = seconds / 86_400;
        for (int i = 0; i < 4; i++) {
            coldKpa[i] = Math.max(60, coldKpa[i] - leakKpaPerDay[i] * days * coldKpa[i] / setPressureKpa);
        }
        double target = speedKmh > 5 ? 8 + speedKmh / 8 : 0;
        warmK += (target - warmK) * Math.min(1, seconds / 900);
    }

    /** Pressure as the TPMS sensor of wheel {@code i} reads it now, in kPa. */
    public double pressureKpa(int i, double ambientC) {
        double absolute = coldKpa[i] + 101.3;
        return absolute * (ambientC + warmK + 273.15) / (ambientC + 273.15) - 101.3;
    }

    public double coldKpa(int i) {
        return coldKpa[i];
    }

    public void setLeak(int wheel, double kpaPerDay) {
        leakKpaPerDay[wheel] = kpaPerDay;
    }

    /** A workshop or a petrol-station pump puts every tyre back to its set pressure; a repair stops a leak. */
    public void inflateAll(boolean repairLeaks) {
        for (int i = 0; i < 4; i++) {
            coldKpa[i] = setPressureKpa;
            if (repairLeaks) {
                leakKpaPerDay[i] = NORMAL_SEEP_KPA_PER_DAY;
            }
        }
    }

    public double setPressureKpa() {
        return setPressureKpa;
    }
}
