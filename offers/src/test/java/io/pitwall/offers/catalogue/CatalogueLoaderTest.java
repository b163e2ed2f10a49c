package io.pitwall.offers.catalogue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueLoaderTest {

    private static final String GOOD = "{\"id\": \"brake\", \"trigger\": {\"type\": \"ALERT\", \"alertKind\": \"BRAKE_PADS_WORN\"},"
            + " \"recommendation\": \"BRAKE_SERVICE\", \"priority\": 10, \"coolDownDays\": 14}";

    private static OfferCatalogue load(String... entries) {
        String json = "{\"schemaVersion\": 1, \"entries\": [" + String.join(",", entries) + "]}";
        return OfferCatalogue.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void loadsAValidEntryWithTheDefaultMinimumSeverity() {
        CatalogueEntry entry = load(GOOD).entries().get(0);
        assertThat(entry.trigger()).isEqualTo(new Trigger.OnAlert(io.pitwall.contracts.alerts.AlertKind.BRAKE_PADS_WORN,
                io.pitwall.contracts.alerts.Severity.INFO));
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalogue.json");
        Files.writeString(file, "{\"schemaVersion\": 1, \"entries\": [" + GOOD + "]}");
        assertThat(OfferCatalogue.load(file).recommendations()).containsExactly("BRAKE_SERVICE");
    }

    @Test
    void namesAnUnknownAlertKind() {
        assertThatThrownBy(() -> load(GOOD.replace("BRAKE_PADS_WORN", "BRAKES_BAD")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageStartingWith("test.json: entry 0 (\"brake\") has trigger.alertKind \"BRAKES_BAD\"; it must be one of [COOLANT_OVERHEAT");
    }

    @Test
    void namesAThresholdOutOfRange() {
        String entry = "{\"id\": \"risk\", \"trigger\": {\"type\": \"HEALTH\", \"condition\": \"LOW_VOLTAGE_NO_START_RISK_AT_LEAST\","
                + " \"value\": 30}, \"recommendation\": \"BATTERY_TEST\", \"priority\": 10, \"coolDownDays\": 14}";
        assertThatThrownBy(() -> load(GOOD, entry)).hasMessage("test.json: entry 1 (\"risk\") has trigger.value 30;"
                + " LOW_VOLTAGE_NO_START_RISK_AT_LEAST needs a number from 0 to 1");
    }

    @Test
    void namesAMisspelledField() {
        assertThatThrownBy(() -> load(GOOD.replace("coolDownDays", "cooldownDays")))
                .hasMessageContaining("entry 0 (\"brake\") has an unknown field \"cooldownDays\"");
    }

    @Test
    void refusesADuplicateId() {
        assertThatThrownBy(() -> load(GOOD, GOOD)).hasMessage("test.json: entry 1 reuses the id \"brake\"; ids must be unique");
    }

    @Test
    void refusesTwoCoolDownsForOneRecommendation() {
        assertThatThrownBy(() -> load(GOOD, GOOD.replace("\"brake\"", "\"brake2\"").replace("14", "30")))
                .hasMessageContaining("entry 1 (\"brake2\") gives BRAKE_SERVICE a cool-down of 30 days but entry \"brake\" gives it 14");
    }

    @Test
    void refusesALowerCaseRecommendation() {
        assertThatThrownBy(() -> load(GOOD.replace("BRAKE_SERVICE", "brake service")))
                .hasMessageContaining("has recommendation \"brake service\"; use upper-case letters");
    }

    @Test
    void refusesAnUnknownTriggerTypeAndAMissingTrigger() {
        assertThatThrownBy(() -> load(GOOD.replace("\"ALERT\"", "\"ODOMETER\""))).hasMessageContaining("trigger.type \"ODOMETER\"");
        assertThatThrownBy(() -> load("{\"id\": \"x\", \"recommendation\": \"X\", \"priority\": 1, \"coolDownDays\": 1}"))
                .hasMessageContaining("entry 0 (\"x\") has no trigger object");
    }

    @Test
    void refusesAFollowUpOutOfRangeAndAFractionalPriority() {
        String followUp = "{\"id\": \"f\", \"trigger\": {\"type\": \"SERVICE_DONE\", \"daysAfter\": 0}, \"recommendation\": \"F\","
                + " \"priority\": 1, \"coolDownDays\": 0}";
        assertThatThrownBy(() -> load(followUp)).hasMessageContaining("has daysAfter 0; it must be a whole number from 1 to 365");
        assertThatThrownBy(() -> load(GOOD.replace("\"priority\": 10", "\"priority\": 1.5")))
                .hasMessageContaining("has priority 1.5");
    }

    @Test
    void refusesBrokenJsonAndAnEmptyCatalogue() {
        assertThatThrownBy(() -> OfferCatalogue.load(new ByteArrayInputStream("{".getBytes(StandardCharsets.UTF_8)), "broken.json"))
                .hasMessageStartingWith("broken.json is not valid JSON");
        assertThatThrownBy(() -> load()).hasMessage("test.json: entries must be a non-empty array of catalogue entries");
    }
}
