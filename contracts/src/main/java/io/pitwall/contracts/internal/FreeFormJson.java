package io.pitwall.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Checks and normalises the parts of a message the contract leaves open (event {@code detail}):
 * every number must be finite, fractions become doubles so that a JSON message and its CBOR twin
 * decode to equal trees, and CBOR byte strings, which JSON cannot carry, are refused. Recursion is
 * safe because the parser has already bounded the nesting depth.
 */
public final class FreeFormJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RULE = "detail may hold objects, arrays, strings, booleans, null and finite numbers";

    private FreeFormJson() {
    }

    public static JsonNode copy(JsonNode value, FieldPath at) {
        if (value.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                copy.set(field.getKey(), copy(field.getValue(), at.key(field.getKey())));
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = NODES.arrayNode(value.size());
            for (int i = 0; i < value.size(); i++) {
                copy.add(copy(value.get(i), at.index(i)));
            }
            return copy;
        }
        if (value.isIntegralNumber()) {
            return value;
        }
        if (value.isNumber()) {
            return NODES.numberNode(Numbers.finiteDouble(value, at, RULE));
        }
        if (value.isTextual() || value.isBoolean() || value.isNull()) {
            return value;
        }
        throw Fields.wrongType(value, at, RULE);
    }
}
