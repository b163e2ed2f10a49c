package io.pitwall.simulators.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The ground-truth manifest's JSON Schema, checked with an independent validator (networknt). */
public final class ManifestSchema {

    /* Exact decimals, so a number is judged as written, not as a double. */
    private static final ObjectMapper READER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree());

    private ManifestSchema() {
    }

    /** The schema document as shipped in the simulators jar. */
    public static JsonNode tree() {
        try (InputStream in = ManifestSchema.class.getClassLoader().getResourceAsStream(GroundTruthManifest.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(GroundTruthManifest.SCHEMA_RESOURCE + " is missing from the class path");
            }
            return READER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<ValidationMessage> validate(JsonNode manifest) {
        return SCHEMA.validate(manifest);
    }

    public static Set<ValidationMessage> validate(Path manifestFile) {
        try {
            return validate(READER.readTree(Files.readAllBytes(manifestFile)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String json) {
        try {
            return READER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
