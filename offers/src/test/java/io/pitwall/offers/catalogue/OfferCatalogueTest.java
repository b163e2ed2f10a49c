package io.pitwall.offers.catalogue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.events.EventType;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.health.HealthPrediction.AxleWear;
import io.pitwall.contracts.health.HealthPrediction.BrakePads;
import io.pitwall.contracts.health.HealthPrediction.LowVoltageBattery;
import io.pitwall.contracts.health.HealthPrediction.TractionBattery;
import io.pitwall.contracts.offers.ServiceOffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfferCatalogueTest {

    private static final String VIN = "LSVAU2180N2000001";
    private static final long T = Instant.parse("2026-11-24T02:00:00Z").toEpochMilli();
    private final OfferCatalogue catalogue = OfferCatalogue.defaults();

    private static Alert alert(AlertKind kind, Severity severity, AlertState state) {
        return new Alert(Alert.SCHEMA_VERSION, Alert.alertId(VIN, kind, T), VIN, kind, severity, state, T, T + 5, Map.of(), null);
    }

    private static HealthPrediction health(BrakePads pads, LowVoltageBattery lv, TractionBattery hv) {
        return new HealthPrediction(HealthPrediction.SCHEMA_VERSION, VIN, T, 42_000.0, pads, lv, hv);
    }

    private static BrakePads pads(Double frontKm, Double frontDays, Double rearKm, Double rearDays) {
        return new BrakePads(new AxleWear(70, frontKm, frontDays, 0.8), new AxleWear(50, rearKm, rearDays, 0.8));
    }

    @Test
    void theShippedCatalogueCoversEveryRecommendationOfTheIssue() {
        assertThat(catalogue.recommendations()).containsExactlyInAnyOrder("BRAKE_SERVICE", "BATTERY_TEST", "TRACTION_BATTERY_CHECK",
                "TIRE_CHECK", "COOLING_CHECK", "DIAGNOSIS", "FOLLOW_UP_SATISFACTION", "FOLLOW_UP_CARE_TIP", "FOLLOW_UP_NEXT_SERVICE");
        assertThat(catalogue.coolDownOf("BRAKE_SERVICE")).isEqualTo(Duration.ofDays(14));
        assertThat(catalogue.coolDownOf("WIN_BACK_SURVEY")).isZero();
    }

    @Test
    void anAlertAtOrAboveTheMinimumSeverityMatches() {
        List<Candidate> warning = catalogue.match(alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN));
        assertThat(warning).singleElement().satisfies(c -> {
            assertThat(c.recommendation()).isEqualTo("BRAKE_SERVICE");
            assertThat(c.triggerType()).isEqualTo(ServiceOffer.TRIGGER_ALERT);
            assertThat(c.triggerId()).isEqualTo(Alert.alertId(VIN, AlertKind.BRAKE_PADS_WORN, T));
            assertThat(c.triggerTime()).isEqualTo(T);
            assertThat(c.safetyCritical()).isFalse();
        });
        assertThat(catalogue.match(alert(AlertKind.BRAKE_PADS_WORN, Severity.INFO, AlertState.OPEN))).isEmpty();
    }

    @Test
    void aCriticalAlertIsASafetyCandidateAndAnEscalationStillMatches() {
        Candidate c = catalogue.match(alert(AlertKind.COOLANT_OVERHEAT, Severity.CRITICAL, AlertState.ESCALATED)).get(0);
        assertThat(c.recommendation()).isEqualTo("COOLING_CHECK");
        assertThat(c.safetyCritical()).isTrue();
    }

    @Test
    void aResolvedAlertTriggersNothing() {
        assertThat(catalogue.match(alert(AlertKind.TIRE_PRESSURE_LOW, Severity.CRITICAL, AlertState.RESOLVED))).isEmpty();
    }

    @Test
    void anAlertKindWithoutAnEntryTriggersNothing() {
        assertThat(catalogue.match(alert(AlertKind.SIGNAL_ANOMALY, Severity.CRITICAL, AlertState.OPEN))).isEmpty();
    }

    @Test
    void brakePadsAtExactlyTheKmThresholdMatchWithTheWorseAxlesFacts() {
        List<Candidate> at = catalogue.match(health(pads(1000.0, 90.0, 4000.0, 200.0), null, null));
        assertThat(at).singleElement().satisfies(c -> {
            assertThat(c.recommendation()).isEqualTo("BRAKE_SERVICE");
            assertThat(c.facts()).containsEntry(Candidate.KM_LEFT, 1000.0).containsEntry(Candidate.DAYS_LEFT, 90.0);
            assertThat(c.triggerType()).isEqualTo(ServiceOffer.TRIGGER_HEALTH);
            assertThat(c.triggerId()).isEqualTo(VIN + "/HEALTH/" + T);
        });
        assertThat(catalogue.match(health(pads(1000.5, 90.0, 4000.0, 200.0), null, null))).isEmpty();
    }

    @Test
    void brakePadsWithinThirtyDaysMatchOnTheRearAxleAlone() {
        List<Candidate> days = catalogue.match(health(pads(5000.0, 120.0, 1800.0, 30.0), null, null));
        assertThat(days).singleElement().satisfies(c -> assertThat(c.facts())
                .containsEntry(Candidate.KM_LEFT, 1800.0).containsEntry(Candidate.DAYS_LEFT, 30.0));
    }

    @Test
    void bothBrakeConditionsYieldOneCandidate() {
        assertThat(catalogue.match(health(pads(400.0, 10.0, null, null), null, null))).hasSize(1);
    }

    @Test
    void partsWithoutAnEstimateNeverTrigger() {
        assertThat(catalogue.match(health(null, null, null))).isEmpty();
        assertThat(catalogue.match(health(new BrakePads(null, new AxleWear(90, null, null, 0.2)), null, null))).isEmpty();
    }

    @Test
    void twelveVoltRiskAndTractionHealthMatchAtTheirThresholds() {
        List<Candidate> both = catalogue.match(health(null, new LowVoltageBattery(LowVoltageBattery.WEAK, 11.9, 0.3),
                new TractionBattery(79.9, 1.2, "2026-12-01", null, 0.9)));
        assertThat(both).extracting(Candidate::recommendation).containsExactly("BATTERY_TEST", "TRACTION_BATTERY_CHECK");
        assertThat(both.get(1).facts()).containsEntry(Candidate.SOH_PERCENT, 79.9);
        assertThat(catalogue.match(health(null, new LowVoltageBattery(LowVoltageBattery.GOOD, 12.6, 0.29),
                new TractionBattery(80.0, null, null, null, 0.9)))).isEmpty();
    }

    @Test
    void aServiceSchedulesTheThreeFollowUpsAtSevenFifteenAndThirtyDays() {
        VehicleEvent done = new VehicleEvent(VIN, 99, T, EventType.SERVICE_DONE,
                null, JsonNodeFactory.instance.objectNode().set("items", JsonNodeFactory.instance.arrayNode().add("OIL_CHANGE")));
        List<FollowUp> followUps = catalogue.followUps(done);
        assertThat(followUps).extracting(f -> f.candidate().recommendation())
                .containsExactly("FOLLOW_UP_SATISFACTION", "FOLLOW_UP_CARE_TIP", "FOLLOW_UP_NEXT_SERVICE");
        assertThat(followUps).extracting(FollowUp::dueAt).containsExactly(Instant.ofEpochMilli(T).plus(Duration.ofDays(7)),
                Instant.ofEpochMilli(T).plus(Duration.ofDays(15)), Instant.ofEpochMilli(T).plus(Duration.ofDays(30)));
        assertThat(followUps.get(0).candidate().triggerType()).isEqualTo(ServiceOffer.TRIGGER_SERVICE_FOLLOW_UP);
        assertThat(followUps.get(0).candidate().triggerId()).isEqualTo(VIN + "/SERVICE_DONE/" + T);
    }

    @Test
    void otherEventsScheduleNothing() {
        assertThat(catalogue.followUps(new VehicleEvent(VIN, 1, T, EventType.IGNITION_ON, null, null))).isEmpty();
    }
}
