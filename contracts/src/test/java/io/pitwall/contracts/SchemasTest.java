package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.pitwall.contracts.testing.SchemaCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemasTest {

    static List<String> names() {
        return Schemas.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void isAValidDraft202012Schema(String name) {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(metaSchema.validate(SchemaCheck.schemaTree(name))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("names")
    void carriesItsIdTitleAndDescription(String name) {
        JsonNode schema = SchemaCheck.schemaTree(name);
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(Schemas.id(name)).isEqualTo("https://pitwall.io/schemas/" + name + ".schema.json");
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("names")
    void describesEveryProperty(String name) {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(SchemaCheck.schemaTree(name), "", undescribed);
        assertThat(undescribed).as("properties without a description (directly or through their $ref)").isEmpty();
    }

    @Test
    void definitionsSharedBetweenSchemasAreIdentical() {
        Map<String, JsonNode> first = new java.util.HashMap<>();
        Map<String, String> firstIn = new java.util.HashMap<>();
        for (String name : Schemas.names()) {
            SchemaCheck.schemaTree(name).path("$defs").properties().forEach(def -> {
                JsonNode earlier = first.putIfAbsent(def.getKey(), def.getValue());
                firstIn.putIfAbsent(def.getKey(), name);
                assertThat(def.getValue()).as("$defs/%s in %s and in %s", def.getKey(), name, firstIn.get(def.getKey()))
                        .isEqualTo(earlier == null ? def.getValue() : earlier);
            });
        }
    }

    @Test
    void rejectedRecordReasonsAreExactlyTheRejectReasonCodes() {
        JsonNode reasons = SchemaCheck.schemaTree("rejected-record").path("properties").path("reason").path("enum");
        List<String> inSchema = new ArrayList<>();
        reasons.forEach(r -> inSchema.add(r.asText()));
        assertThat(inSchema).containsExactlyElementsOf(Arrays.stream(RejectReason.values()).map(RejectReason::code).toList());
    }

    @Test
    void opensEverySchemaByName() throws Exception {
        for (String name : Schemas.names()) {
            try (var in = Schemas.open(name)) {
                assertThat(in.readAllBytes()).isNotEmpty();
            }
        }
    }

    @Test
    void refusesUnknownNames() {
        assertThatThrownBy(() -> Schemas.open("telemetry.schema.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("telemetry");
    }

    private static void collectUndescribed(JsonNode schema, String path, List<String> out) {
        schema.path("properties").properties().forEach(p -> {
            JsonNode property = p.getValue();
            if (!property.has("description") && !property.has("$ref")) {
                out.add(path + "/" + p.getKey());
            }
            collectUndescribed(property, path + "/" + p.getKey(), out);
        });
        schema.path("$defs").properties().forEach(d -> collectUndescribed(d.getValue(), path + "/$defs/" + d.getKey(), out));
        for (String combinator : List.of("oneOf", "allOf", "anyOf")) {
            schema.path(combinator).forEach(branch -> collectUndescribed(branch, path + "/" + combinator, out));
        }
    }
}
