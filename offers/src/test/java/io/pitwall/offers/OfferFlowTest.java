package io.pitwall.offers;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.offers.catalogue.Candidate;
import io.pitwall.offers.catalogue.OfferCatalogue;
import io.pitwall.offers.policy.ContactHistory;
import io.pitwall.offers.policy.OfferRequest;
import io.pitwall.offers.policy.PolicyChain;
import io.pitwall.offers.policy.PolicyConfig;
import io.pitwall.offers.policy.PolicyDecision;
import io.pitwall.offers.policy.ReasonCode;
import io.pitwall.offers.render.OfferRenderer;
import io.pitwall.offers.render.RenderedOffer;
import io.pitwall.offers.render.TemplateSet;
import io.pitwall.offers.wording.WordingScanner;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces in the order the offer operator will call them, from an alert to the service.offers record. */
class OfferFlowTest {

    private static final Instant MORNING = Instant.parse("2026-11-24T02:00:00Z");
    private final OfferCatalogue catalogue = OfferCatalogue.defaults();
    private final PolicyChain policy = PolicyChain.standard(PolicyConfig.defaults());
    private final WordingScanner scanner = WordingScanner.defaults();
    private final OfferRenderer renderer = new OfferRenderer(TemplateSet.defaults(scanner), scanner, "https://book.pitwall.example/b");

    private ServiceOffer decide(Alert alert, OwnerProfile owner) {
        Candidate candidate = catalogue.match(alert).get(0);
        PolicyDecision decision = policy.decide(new OfferRequest(candidate, owner, ContactHistory.empty(), MORNING));
        String offerId = OfferRecords.offerId(owner.ownerId(), decision.recommendation(), candidate.triggerId());
        RenderedOffer rendered = null;
        if (decision.decision() == Decision.SENT) {
            rendered = renderer.render(offerId, decision, candidate, owner);
            if (rendered.blocked()) {
                decision = decision.blocked(ReasonCode.FORBIDDEN_WORDING);
            }
        }
        return OfferRecords.serviceOffer(offerId, owner.ownerId(), candidate, decision, rendered, MORNING);
    }

    private static Alert brakeAlert() {
        return new Alert(1, Alert.alertId("LSVAU2180N2000001", AlertKind.BRAKE_PADS_WORN, 1L), "LSVAU2180N2000001",
                AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, 1L, 2L, Map.of(), null);
    }

    @Test
    void aBrakeAlertBecomesASentOfferRecordThatAnAuditCanRead() {
        ServiceOffer offer = decide(brakeAlert(), Owners.owner(MORNING).build());

        assertThat(offer.decision()).isEqualTo(Decision.SENT);
        assertThat(offer.decisionReason()).isNull();
        assertThat(offer.channel()).isEqualTo(Channel.WECOM);
        assertThat(offer.recommendation()).isEqualTo("BRAKE_SERVICE");
        assertThat(offer.triggerType()).isEqualTo(ServiceOffer.TRIGGER_ALERT);
        assertThat(offer.triggerId()).isEqualTo(brakeAlert().alertId());
        assertThat(offer.experiment()).isEqualTo("brake-wording-2026q4");
        assertThat(offer.variant()).isIn("A", "B");
        assertThat(offer.templateId()).startsWith("BRAKE_SERVICE/");
        assertThat(offer.bookingUrl()).endsWith("offer=" + offer.offerId());
        assertThat(offer.offerId()).isEqualTo(decide(brakeAlert(), Owners.owner(MORNING).build()).offerId());
        assertThat(Json.read(Json.write(offer), ServiceOffer.class)).isEqualTo(offer);
    }

    @Test
    void aSuppressedDecisionIsRecordedTooWithItsReason() {
        ServiceOffer offer = decide(brakeAlert(), Owners.owner(MORNING).noConsent().build());
        assertThat(offer.decision()).isEqualTo(Decision.SUPPRESSED);
        assertThat(offer.decisionReason()).isEqualTo("no-marketing-consent");
        assertThat(offer.title()).isNull();
    }

    @Test
    void aForbiddenWorkshopNameTurnsTheOfferIntoABlockedRecord() {
        ServiceOffer offer = decide(brakeAlert(), Owners.owner(MORNING).workshop("顶级汽修").build());
        assertThat(offer.decision()).isEqualTo(Decision.BLOCKED);
        assertThat(offer.decisionReason()).isEqualTo("forbidden-wording");
    }
}
