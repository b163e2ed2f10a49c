package io.pitwall.contracts.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.pitwall.contracts.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Validates documents against the shipped JSON Schemas with an independent validator. */
public final class SchemaCheck {

    /* Exact decimals, so that a number like 1e400 is judged as written, not as a double. */
    public static final ObjectMapper READER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private SchemaCheck() {
    }

    public static Set<ValidationMessage> validate(String schemaName, JsonNode document) {
        return schema(schemaName).validate(document);
    }

    public static Set<ValidationMessage> validate(String schemaName, byte[] json) {
        return validate(schemaName, tree(json));
    }

    public static JsonNode tree(byte[] json) {
        try {
            return READER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode schemaTree(String schemaName) {
        try (InputStream in = Schemas.open(schemaName)) {
            return READER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            try (InputStream in = Schemas.open(n)) {
                return FACTORY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
