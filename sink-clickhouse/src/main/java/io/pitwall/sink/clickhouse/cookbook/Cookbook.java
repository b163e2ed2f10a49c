package io.pitwall.sink.clickhouse.cookbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analysts' SQL cookbook, shipped as resources under {@code cookbook/}. The queries use
 * ClickHouse query parameters ({@code {vin:String}}), which a current server binds itself
 * ({@code clickhouse-client --param_vin=...}); ClickHouse 18.16 has no query parameters, so
 * {@link #bind} substitutes typed literals for it (and for tests and tools).
 */
public final class Cookbook {

    /** The queries, in the order of CONTRACTS section 3. */
    public static final List<String> QUERIES = List.of(
            "q1_brake_pads_due",
            "q2a_12v_no_start_risk",
            "q2b_traction_soh_by_model_year",
            "q3a_alerts_per_day",
            "q3b_alert_to_offer_time",
            "q4a_offer_funnel_by_tier",
            "q4b_offer_ab_test",
            "q5_vin_signal_history");

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*):([A-Za-z0-9]+)}");

    private Cookbook() {
    }

    /** The text of one query, e.g. {@code sql("q5_vin_signal_history")}, with its parameters unbound. */
    public static String sql(String name) {
        try (InputStream in = Cookbook.class.getClassLoader().getResourceAsStream("cookbook/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalArgumentException("No cookbook query '" + name + "'; there are " + QUERIES);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replaceAll(";$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces every {@code {name:Type}} with the value given for {@code name} as a literal of that
     * type: {@code toDateTime('2025-11-24 00:00:00')}, {@code toDate('2025-11-24')}, a quoted and
     * escaped string, or a plain number.
     *
     * @throws IllegalArgumentException naming a parameter that has no value
     */
    public static String bind(String sql, Map<String, ?> values) {
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String type = m.group(2);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("The query needs a value for {" + name + ":" + type + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(literal(type, values.get(name))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String literal(String type, Object value) {
        String text = String.valueOf(value);
        return switch (type) {
            case "String" -> quote(text);
            case "Date" -> "toDate(" + quote(text) + ")";
            case "DateTime" -> "toDateTime(" + quote(text) + ")";
            default -> {
                if (!text.matches("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?")) {
                    throw new IllegalArgumentException("'" + text + "' is not a number for a " + type + " parameter");
                }
                yield text;
            }
        };
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
