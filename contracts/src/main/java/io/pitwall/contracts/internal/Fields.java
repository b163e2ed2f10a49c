package io.pitwall.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.RejectReason;
import java.util.Iterator;
import java.util.List;

/** Reads fields of a parsed message by shape, failing with a sentence that names the field and the rule. */
public final class Fields {

    private Fields() {
    }

    /** The field's value; absent or JSON null fails with {@link RejectReason#MISSING_FIELD} and the given reason it is needed. */
    public static JsonNode require(ObjectNode object, String name, FieldPath at, String whyNeeded) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new ContractViolation(RejectReason.MISSING_FIELD,
                    at.field(name) + (value == null ? " is missing; " : " is null; ") + whyNeeded);
        }
        return value;
    }

    /** Fails with {@link RejectReason#UNEXPECTED_FIELD} on the first field not in {@code allowed}. */
    public static void allowOnly(ObjectNode object, List<String> allowed, FieldPath at, String what) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ContractViolation(RejectReason.UNEXPECTED_FIELD, describeField(at, name)
                        + " is not a field of " + what + "; the fields are " + String.join(", ", allowed));
            }
        }
    }

    public static String text(JsonNode value, FieldPath at, String rule) {
        if (!value.isTextual()) {
            throw wrongType(value, at, rule);
        }
        return value.textValue();
    }

    public static ObjectNode object(JsonNode value, FieldPath at, String rule) {
        if (!value.isObject()) {
            throw wrongType(value, at, rule);
        }
        return (ObjectNode) value;
    }

    public static ArrayNode array(JsonNode value, FieldPath at, String rule) {
        if (!value.isArray()) {
            throw wrongType(value, at, rule);
        }
        return (ArrayNode) value;
    }

    public static boolean bool(JsonNode value, FieldPath at, String rule) {
        if (!value.isBoolean()) {
            throw wrongType(value, at, rule);
        }
        return value.booleanValue();
    }

    public static ContractViolation wrongType(JsonNode value, FieldPath at, String rule) {
        return new ContractViolation(RejectReason.WRONG_TYPE, at + " is " + Values.describe(value) + "; " + rule);
    }

    /* A field name is data from the device too, so an odd one is quoted rather than pasted in. */
    private static String describeField(FieldPath at, String name) {
        return isPlainName(name) ? at.field(name).toString() : "the field " + Text.quote(name) + " in " + at;
    }

    private static boolean isPlainName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '_') {
                return false;
            }
        }
        return true;
    }
}
