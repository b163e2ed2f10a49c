package io.pitwall.simulators.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.pitwall.simulators.cli.SimulatorMain;
import io.pitwall.simulators.physics.TireModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroundTruthManifestSchemaTest {

    @Test
    void isAValidDraft202012SchemaInTheProjectsStyle() {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schema = ManifestSchema.tree();
        assertThat(metaSchema.validate(schema)).isEmpty();
        assertThat(schema.path("$id").asText()).isEqualTo("https://pitwall.io/schemas/ground-truth-manifest.schema.json");
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(schema, "", undescribed);
        assertThat(undescribed).as("properties without a description (directly or through their $ref)").isEmpty();
    }

    @Test
    void aManifestWrittenByGenerateMatchesTheSchema(@TempDir Path dir) {
        // A DTC left active for two days sends the car to the workshop, so the run has a service and a resolved fault.
        int code = new CommandLine(new SimulatorMain()).execute("generate", "--vehicles", "6", "--seed", "21",
                "--duration", "4d", "--start", "2026-03-02T00:00:00Z", "--fault", "DTC:1:1h:P0301",
                "--fault", "SLOW_TIRE_LEAK:2", "--fault", "FAILING_12V_BATTERY:3", "--out", dir.toString());
        assertThat(code).isZero();
        Path file = dir.resolve("manifest.json");
        assertThat(ManifestSchema.validate(file)).isEmpty();

        GroundTruthManifest manifest = GroundTruthManifest.read(file);
        assertThat(manifest.services()).isNotEmpty();
        assertThat(manifest.faults()).anyMatch(f -> f.resolvedAt() != null).anyMatch(f -> f.wheel() != null);
        assertThat(manifest.vehicles()).extracting(GroundTruthManifest.VehicleEntry::powertrain)
                .contains(Powertrain.COMBUSTION, Powertrain.ELECTRIC);
        assertThat(manifest.vehicles()).allMatch(v -> v.ownerId() != null && !v.daily().isEmpty());
    }

    @Test
    void refusesWhatAManifestMustNotContain() {
        String good = FleetScenario.builder().seed(3).vehicles(2).duration(java.time.Duration.ofHours(6)).build()
                .run().manifest().toJson();
        assertThat(ManifestSchema.validate(ManifestSchema.read(good))).isEmpty();

        ObjectNode badVin = (ObjectNode) ManifestSchema.read(good);
        ((ObjectNode) badVin.path("vehicles").get(0)).put("vin", "LSVAU2180N218329O");
        assertThat(ManifestSchema.validate(badVin)).isNotEmpty();

        ObjectNode nullNameplate = (ObjectNode) ManifestSchema.read(good);
        ((ObjectNode) nullNameplate.path("vehicles").get(0)).putNull("nameplateKwh");
        assertThat(ManifestSchema.validate(nullNameplate)).as("absent, never null").isNotEmpty();

        ObjectNode threeTyres = (ObjectNode) ManifestSchema.read(good);
        ((com.fasterxml.jackson.databind.node.ArrayNode) threeTyres.path("vehicles").get(0).path("last").path("tyreColdKpa")).remove(3);
        assertThat(ManifestSchema.validate(threeTyres)).isNotEmpty();

        ObjectNode noSeed = (ObjectNode) ManifestSchema.read(good);
        noSeed.remove("seed");
        assertThat(ManifestSchema.validate(noSeed)).isNotEmpty();
    }

    @Test
    void enumerationsAreExactlyTheSimulatorsValues() {
        JsonNode defs = ManifestSchema.tree().path("$defs");
        assertThat(texts(defs.path("fault").path("properties").path("fault").path("enum")))
                .containsExactlyElementsOf(Arrays.stream(FaultKind.values()).map(Enum::name).toList());
        assertThat(texts(defs.path("fault").path("properties").path("expectedAlert").path("enum")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(FaultKind.values()).map(k -> k.expectedAlert().name()).toList());
        assertThat(texts(defs.path("vehicle").path("properties").path("powertrain").path("enum")))
                .containsExactlyElementsOf(Arrays.stream(Powertrain.values()).map(Enum::name).toList());
        assertThat(texts(defs.path("fault").path("properties").path("wheel").path("enum"))).containsExactly(TireModel.WHEELS);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void collectUndescribed(JsonNode schema, String path, List<String> out) {
        schema.path("properties").properties().forEach(p -> {
            if (!p.getValue().has("description") && !p.getValue().has("$ref")) {
                out.add(path + "/" + p.getKey());
            }
            collectUndescribed(p.getValue(), path + "/" + p.getKey(), out);
        });
        schema.path("$defs").properties().forEach(d -> collectUndescribed(d.getValue(), path + "/$defs/" + d.getKey(), out));
    }
}
