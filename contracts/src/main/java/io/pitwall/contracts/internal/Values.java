package io.pitwall.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Short descriptions of parsed values for error messages: {@code "63.5"} for a string, {@code an array}, {@code NaN}. */
public final class Values {

    private static final int MAX_NUMBER_SHOWN = 40;

    private Values() {
    }

    public static String describe(JsonNode value) {
        if (value.isTextual()) {
            return Text.quote(value.textValue());
        }
        if (value.isNumber()) {
            return describeNumber(value);
        }
        if (value.isBoolean() || value.isNull()) {
            return value.asText();
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isBinary()) {
            return "a byte string";
        }
        return "a " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
    }

    private static String describeNumber(JsonNode value) {
        if (value.isDouble() || value.isFloat()) {
            double d = value.doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
        }
        String text = value.isBigDecimal() ? value.decimalValue().toString() : value.asText();
        return text.length() <= MAX_NUMBER_SHOWN ? text : text.substring(0, MAX_NUMBER_SHOWN) + "... (" + text.length() + " characters)";
    }
}
