package io.pitwall.jobs.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.ParameterTool;

/**
 * Reads a job's settings: a key is looked up as a flag ({@code --kafka.bootstrap x}), then as
 * {@code PITWALL_KAFKA_BOOTSTRAP} in the environment, then takes its default. Problems are
 * collected, not thrown one by one, so that a user fixes every bad setting in one go.
 */
public final class Settings {

    private final ParameterTool params;
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public Settings(String[] args, Map<String, String> env) {
        this.params = ParameterTool.fromArgs(args);
        this.env = env;
    }

    public String get(String key, String fallback) {
        if (params.has(key)) {
            return params.get(key);
        }
        return env.getOrDefault(envName(key), fallback);
    }

    public String required(String key) {
        String value = get(key, null);
        if (value == null || value.isBlank()) {
            problems.add("--" + key + " (or " + envName(key) + ") is required");
        }
        return value;
    }

    public long getLong(String key, long fallback) {
        String value = get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            problems.add("--" + key + " must be a whole number, was '" + value + "'");
            return fallback;
        }
    }

    public Duration getMillis(String key, Duration fallback) {
        return Duration.ofMillis(getLong(key, fallback.toMillis()));
    }

    public LocalTime getTime(String key, LocalTime fallback) {
        String value = get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (RuntimeException e) {
            problems.add("--" + key + " must be a time of day such as 22:00, was '" + value + "'");
            return fallback;
        }
    }

    public ZoneId getZone(String key, ZoneId fallback) {
        String value = get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return ZoneId.of(value.strip());
        } catch (RuntimeException e) {
            problems.add("--" + key + " must be an IANA time zone such as Asia/Shanghai, was '" + value + "'");
            return fallback;
        }
    }

    public <E extends Enum<E>> E getEnum(String key, Class<E> type, E fallback) {
        String value = get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            problems.add("--" + key + " must be one of " + List.of(type.getEnumConstants()) + ", was '" + value + "'");
            return fallback;
        }
    }

    /** Records a problem found while combining settings. */
    public void problem(String text) {
        problems.add(text);
    }

    /** @param what e.g. "Job configuration", the start of the error message */
    public void failOnProblems(String what) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(what + " is invalid: " + String.join("; ", problems));
        }
    }

    static String envName(String key) {
        return "PITWALL_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
