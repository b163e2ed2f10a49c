package io.pitwall.simulators.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault to inject: which kind, into which vehicle (its index in the fleet), and how long after
 * the scenario starts.
 *
 * @param dtcCode for {@link FaultKind#DTC}, the code to set (null picks one from the seed); otherwise null
 */
public record FaultSpec(FaultKind kind, int vehicleIndex, Duration after, String dtcCode) {

    public FaultSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(after, "after");
        if (vehicleIndex < 0) {
            throw new IllegalArgumentException("vehicle index must not be negative, was " + vehicleIndex);
        }
        if (after.isNegative()) {
            throw new IllegalArgumentException("a fault starts at or after the scenario start, not " + after);
        }
    }

    public FaultSpec(FaultKind kind, int vehicleIndex, Duration after) {
        this(kind, vehicleIndex, after, null);
    }

    /**
     * Parses {@code KIND:VEHICLE[:AFTER[:CODE]]}, e.g. {@code COOLANT_OVERHEAT:3:2d},
     * {@code DTC:0:90m:P0301}; AFTER is a number with s, m, h or d (default 0).
     */
    public static FaultSpec parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length < 2 || parts.length > 4) {
            throw new IllegalArgumentException("a fault is KIND:VEHICLE[:AFTER[:CODE]] (e.g. COOLANT_OVERHEAT:3:2d), not '" + text + "'");
        }
        FaultKind kind;
        try {
            kind = FaultKind.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault kind '" + parts[0] + "'; one of " + java.util.Arrays.toString(FaultKind.values()));
        }
        int vehicle;
        try {
            vehicle = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the vehicle in fault '" + text + "' must be an index such as 0 or 3");
        }
        Duration after = parts.length > 2 ? parseDuration(parts[2]) : Duration.ZERO;
        return new FaultSpec(kind, vehicle, after, parts.length > 3 ? parts[3] : null);
    }

    /** {@code 90s}, {@code 15m}, {@code 6h}, {@code 2d}, or an ISO-8601 duration such as {@code PT6H}. */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t);
        }
        if (t.length() < 2) {
            throw new IllegalArgumentException("a duration is a number with s, m, h or d (e.g. 2d), not '" + text + "'");
        }
        double n;
        try {
            n = Double.parseDouble(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a duration is a number with s, m, h or d (e.g. 2d), not '" + text + "'");
        }
        long unit = switch (Character.toLowerCase(t.charAt(t.length() - 1))) {
            case 's' -> 1_000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> throw new IllegalArgumentException("a duration ends in s, m, h or d (e.g. 2d), not '" + text + "'");
        };
        return Duration.ofMillis(Math.round(n * unit));
    }
}
