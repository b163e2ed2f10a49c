package io.pitwall.contracts;

import java.io.InputStream;
import java.util.List;

/**
 * The JSON Schemas (draft 2020-12) of every message that crosses the system boundary, shipped as
 * resources of this jar so that tests, tools and outside consumers validate against the same text.
 */
public final class Schemas {

    /** The base of every schema's {@code $id}; an identifier, nothing is served there. */
    public static final String ID_BASE = "https://pitwall.io/schemas/";

    private static final List<String> NAMES = List.of(
            "telemetry", "event", "status", "notice",
            "raw-record", "rejected-record", "alert", "health-prediction",
            "owner-profile", "service-offer", "offer-event", "offer-dead-letter", "vehicle-notice-record");

    private Schemas() {
    }

    /** Every schema name, e.g. {@code telemetry}; the file is {@code schemas/<name>.schema.json}. */
    public static List<String> names() {
        return NAMES;
    }

    /** The schema text; the caller closes the stream. */
    public static InputStream open(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no schema named " + name + "; the schemas are " + NAMES);
        }
        InputStream in = Schemas.class.getResourceAsStream("/" + resourcePath(name));
        if (in == null) {
            throw new IllegalStateException(resourcePath(name) + " is missing from the pitwall-contracts jar");
        }
        return in;
    }

    public static String resourcePath(String name) {
        return "schemas/" + name + ".schema.json";
    }

    /** The schema's {@code $id}. */
    public static String id(String name) {
        return ID_BASE + name + ".schema.json";
    }
}
