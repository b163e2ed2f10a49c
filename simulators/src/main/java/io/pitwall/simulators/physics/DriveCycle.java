package io.pitwall.simulators.physics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * What the driver does, as a target speed over time: a weekday of commute, work-day parking,
 * an evening errand and an overnight rest; a lazier weekend. Trips are made of urban legs
 * (pull away, cruise, brake to a stop, wait at the light), highway legs (cruise with drift and
 * congestion) and idling with the engine on. The cycle only says what the driver wants; the
 * vehicle's dynamics decide how fast it gets there.
 */
public final class DriveCycle {

    public enum Activity {
        OVERNIGHT_REST(false), PARKING(false), IDLE(true), URBAN(true), HIGHWAY(true);

        private final boolean ignitionOn;

        Activity(boolean ignitionOn) {
            this.ignitionOn = ignitionOn;
        }

        public boolean ignitionOn() {
            return ignitionOn;
        }

        public boolean driving() {
            return this == URBAN || this == HIGHWAY;
        }
    }

    /** Where a trip goes, so the GPS track can head there. */
    public enum Destination { NONE, WORK, HOME, ERRAND }

    public record Leg(Activity activity, long endMillis, Destination destination) {
    }

    private enum Micro { ACCELERATE, CRUISE, STOP, WAIT }

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;

    private final SplittableRandom random;
    private final long utcOffsetMillis;
    private final double highwayShare;
    private final boolean endlessUrban;
    private final Deque<Leg> legs = new ArrayDeque<>();
    private Leg current;
    private Micro micro = Micro.WAIT;
    private double microSecondsLeft;
    private double cruiseKmh;
    private double targetKmh;
    private boolean stoppingForLegEnd;

    private DriveCycle(SplittableRandom random, double utcOffsetHours, double highwayShare, boolean endlessUrban, long startMillis) {
        this.random = random;
        this.utcOffsetMillis = (long) (utcOffsetHours * HOUR);
        this.highwayShare = highwayShare;
        this.endlessUrban = endlessUrban;
        if (endlessUrban) {
            current = new Leg(Activity.URBAN, Long.MAX_VALUE, Destination.NONE);
            microSecondsLeft = 2 + random.nextInt(5);
        } else {
            planFrom(startMillis);
            current = legs.poll();
        }
    }

    /** A daily routine in a city whose clocks are {@code utcOffsetHours} ahead of UTC. */
    public static DriveCycle daily(SplittableRandom random, double utcOffsetHours, double highwayShare, long startMillis) {
        return new DriveCycle(random, utcOffsetHours, highwayShare, false, startMillis);
    }

    /** Stop-and-go city driving that never ends: the plain stream for smoke tests. */
    public static DriveCycle endlessUrban(SplittableRandom random) {
        return new DriveCycle(random, 0, 0, true, 0);
    }

    public Leg current() {
        return current;
    }

    public Activity activity() {
        return current.activity();
    }

    public double targetKmh() {
        return targetKmh;
    }

    /** When the current leg ends (a driving leg may overrun while the car comes to a stop). */
    public long legEndMillis() {
        return current.endMillis();
    }

    /** Advances by {@code dt} seconds, ending at {@code nowMillis}, with the car at {@code speedKmh}. */
    public void advance(long nowMillis, double dt, double speedKmh) {
        if (nowMillis >= current.endMillis()) {
            Leg next = peekNext(nowMillis);
            boolean mustStop = current.activity().driving() && !next.activity().driving();
            if (mustStop && speedKmh > 0.5) {
                stoppingForLegEnd = true;
                targetKmh = 0;
                return;
            }
            stoppingForLegEnd = false;
            current = legs.poll();
            micro = Micro.WAIT;
            microSecondsLeft = current.activity() == Activity.HIGHWAY ? 0 : 2 + random.nextInt(10);
        }
        if (stoppingForLegEnd) {
            targetKmh = 0;
            return;
        }
        switch (current.activity()) {
            case URBAN -> urban(dt, speedKmh);
            case HIGHWAY -> highway(dt);
            default -> targetKmh = 0;
        }
    }

    private Leg peekNext(long nowMillis) {
        if (legs.isEmpty()) {
            planFrom(Math.max(nowMillis, current.endMillis()));
        }
        return legs.peek();
    }

    private void urban(double dt, double speedKmh) {
        microSecondsLeft -= dt;
        switch (micro) {
            case ACCELERATE -> {
                targetKmh = cruiseKmh;
                if (speedKmh >= cruiseKmh - 1 || microSecondsLeft <= 0) {
                    micro = Micro.CRUISE;
                    microSecondsLeft = 15 + random.nextInt(60);
                }
            }
            case CRUISE -> {
                targetKmh = cruiseKmh + (random.nextDouble() - 0.5) * 4;
                if (microSecondsLeft <= 0) {
                    micro = Micro.STOP;
                    microSecondsLeft = 60;
                }
            }
            case STOP -> {
                targetKmh = 0;
                if (speedKmh < 0.1 || microSecondsLeft <= 0) {
                    micro = Micro.WAIT;
                    microSecondsLeft = 5 + random.nextInt(40);
                }
            }
            case WAIT -> {
                targetKmh = 0;
                if (microSecondsLeft <= 0) {
                    micro = Micro.ACCELERATE;
                    cruiseKmh = 25 + random.nextInt(40);
                    microSecondsLeft = 40;
                }
            }
        }
    }

    private void highway(double dt) {
        microSecondsLeft -= dt;
        if (microSecondsLeft <= 0) {
            // Mostly free-flowing, sometimes a jam.
            cruiseKmh = random.nextDouble() < 0.12 ? 30 + random.nextInt(30) : 85 + random.nextInt(36);
            microSecondsLeft = 30 + random.nextInt(120);
        }
        targetKmh = cruiseKmh + (random.nextDouble() - 0.5) * 3;
    }

    /** The driver could not start the car: the rest of the day is spent parked. */
    public void abandonTripsUntilTomorrow(long nowMillis) {
        long nextMorning = localMidnight(nowMillis) + DAY + 6 * HOUR;
        legs.clear();
        current = new Leg(Activity.PARKING, nextMorning, Destination.NONE);
        targetKmh = 0;
        stoppingForLegEnd = false;
    }

    private long localMidnight(long millis) {
        return Math.floorDiv(millis + utcOffsetMillis, DAY) * DAY - utcOffsetMillis;
    }

    private void planFrom(long t) {
        long midnight = localMidnight(t);
        int dayOfWeek = (int) Math.floorMod(Math.floorDiv(midnight + utcOffsetMillis, DAY) + 3, 7); // 0 = Monday
        boolean weekend = dayOfWeek >= 5;
        long nextDay = midnight + DAY + 6 * HOUR;
        if (weekend) {
            long depart = midnight + 9 * HOUR + random.nextLong(3 * HOUR);
            if (random.nextDouble() < 0.25 || t >= depart) {
                legs.add(new Leg(Activity.OVERNIGHT_REST, nextDay, Destination.NONE));
                return;
            }
            legs.add(new Leg(Activity.OVERNIGHT_REST, depart, Destination.NONE));
            long end = trip(depart, Destination.ERRAND, 20 + random.nextInt(40));
            long back = end + HOUR + random.nextLong(3 * HOUR);
            legs.add(new Leg(Activity.PARKING, back, Destination.NONE));
            end = trip(back, Destination.HOME, 20 + random.nextInt(30));
            legs.add(new Leg(Activity.OVERNIGHT_REST, nextDay, Destination.NONE));
            return;
        }
        long morning = midnight + 7 * HOUR + random.nextLong(2 * HOUR);
        long evening = midnight + 17 * HOUR + random.nextLong(2 * HOUR);
        long end;
        if (t < morning) {
            legs.add(new Leg(Activity.OVERNIGHT_REST, morning, Destination.NONE));
            end = trip(morning, Destination.WORK, 20 + random.nextInt(35));
            if (random.nextDouble() < 0.2) {
                end += (2 + random.nextInt(7)) * MINUTE;
                legs.add(new Leg(Activity.IDLE, end, Destination.NONE));
            }
            legs.add(new Leg(Activity.PARKING, Math.max(evening, end + HOUR), Destination.NONE));
            evening = Math.max(evening, end + HOUR);
        } else if (t < evening) {
            legs.add(new Leg(Activity.PARKING, evening, Destination.NONE));
        } else {
            legs.add(new Leg(Activity.OVERNIGHT_REST, nextDay, Destination.NONE));
            return;
        }
        end = trip(evening, Destination.HOME, 20 + random.nextInt(35));
        if (random.nextDouble() < 0.4) {
            end = trip(end, Destination.ERRAND, 8 + random.nextInt(10));
            long shop = end + (30 + random.nextInt(60)) * MINUTE;
            legs.add(new Leg(Activity.PARKING, shop, Destination.NONE));
            end = trip(shop, Destination.HOME, 8 + random.nextInt(10));
        }
        legs.add(new Leg(Activity.OVERNIGHT_REST, Math.max(nextDay, end + HOUR), Destination.NONE));
    }

    /** Appends a trip of about {@code minutes} minutes starting at {@code start}; returns its planned end. */
    private long trip(long start, Destination destination, int minutes) {
        boolean highway = minutes >= 20 && random.nextDouble() < highwayShare;
        long t = start;
        if (highway) {
            long urban1 = Math.max(4, minutes / 4) * MINUTE;
            long motorway = Math.max(5, minutes / 2) * MINUTE;
            legs.add(new Leg(Activity.URBAN, t += urban1, destination));
            legs.add(new Leg(Activity.HIGHWAY, t += motorway, destination));
            legs.add(new Leg(Activity.URBAN, t += (minutes * MINUTE - urban1 - motorway), destination));
        } else {
            legs.add(new Leg(Activity.URBAN, t += minutes * MINUTE, destination));
        }
        return t;
    }

    boolean endless() {
        return endlessUrban;
    }
}
