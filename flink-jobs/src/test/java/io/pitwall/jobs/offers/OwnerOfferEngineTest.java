package io.pitwall.jobs.offers;

import static io.pitwall.jobs.offers.OfferFixtures.OWNER;
import static io.pitwall.jobs.offers.OfferFixtures.alert;
import static io.pitwall.jobs.offers.OfferFixtures.owner;
import static io.pitwall.jobs.offers.OfferFixtures.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.alerts.AlertKind;
import io.pitwall.contracts.alerts.AlertState;
import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.notices.NoticeKind;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnerOfferEngineTest {

    private final OwnerOfferEngine engine = OfferSettings.defaults().engine();
    private final OwnerOfferState state = new OwnerOfferState();
    private final OfferFixtures.Recorded out = new OfferFixtures.Recorded();

    private void profile(io.pitwall.contracts.owners.OwnerProfile profile) {
        engine.onProfile(state, OWNER, profile, Instant.EPOCH, out);
    }

    @Test
    void aFactThatArrivesBeforeTheProfileWaitsForIt() {
        Instant morning = shanghai(20, 10, 0);
        Alert alert = alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, morning);

        engine.onFact(state, OWNER, FactKind.ALERT, io.pitwall.contracts.Json.write(alert), morning, out);
        assertThat(out.decided).isEmpty();
        assertThat(out.wakes).containsExactly(morning.plusSeconds(60));

        engine.onProfile(state, OWNER, owner(0), morning.plusSeconds(2), out);
        assertThat(out.decided).singleElement().satisfies(offer -> {
            assertThat(offer.decision()).isEqualTo(Decision.SENT);
            assertThat(offer.decidedAt()).isEqualTo(morning.plusSeconds(2).toEpochMilli());
        });
        assertThat(state.awaitingProfile).isEmpty();
    }

    @Test
    void aFactWhoseProfileNeverComesIsRecordedAsSuppressedAfterTheGrace() {
        Instant morning = shanghai(20, 10, 0);
        Alert alert = alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, morning);
        engine.onFact(state, OWNER, FactKind.ALERT, io.pitwall.contracts.Json.write(alert), morning, out);

        engine.onWake(state, OWNER, morning.plusSeconds(59), out);
        assertThat(out.decided).isEmpty();
        engine.onWake(state, OWNER, morning.plusSeconds(60), out);

        assertThat(out.decided).singleElement().satisfies(offer -> assertThat(offer.decisionReason()).isEqualTo("no-owner-profile"));
        assertThat(state.isEmpty()).as("nothing was sent, so nothing is kept").isTrue();
    }

    @Test
    void aBrakeAlertInTheDayIsSentOnTheConsentedChannelAndRemembered() {
        profile(owner(0));
        Instant morning = shanghai(20, 10, 0);

        engine.onAlert(state, OWNER, alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, morning), morning, out);

        assertThat(out.decided).singleElement().satisfies(offer -> {
            assertThat(offer.decision()).isEqualTo(Decision.SENT);
            assertThat(offer.channel()).isEqualTo(Channel.WECOM);
            assertThat(offer.recommendation()).isEqualTo("BRAKE_SERVICE");
            assertThat(offer.body()).contains("Pudong Service Centre");
        });
        assertThat(out.delivered).containsExactlyElementsOf(out.decided);
        assertThat(state.contacts).singleElement().satisfies(c -> assertThat(c.recommendation()).isEqualTo("BRAKE_SERVICE"));
    }

    @Test
    void aReplayedAlertIsNotDecidedTwice() {
        profile(owner(0));
        Instant morning = shanghai(20, 10, 0);
        Alert alert = alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, morning);

        engine.onAlert(state, OWNER, alert, morning, out);
        engine.onAlert(state, OWNER, alert, morning.plusSeconds(5), out);

        assertThat(out.decided).hasSize(1);
        assertThat(out.delivered).hasSize(1);
        assertThat(out.replays).containsExactly(out.decided.get(0).offerId());
    }

    @Test
    void anOfferAtNightIsHeldUntilEightAndThenSentUnderTheSameId() {
        profile(owner(0));
        Instant night = shanghai(20, 23, 30);

        engine.onAlert(state, OWNER, alert(AlertKind.TIRE_PRESSURE_LOW, Severity.WARNING, AlertState.OPEN, night), night, out);

        ServiceOffer held = out.last();
        assertThat(held.decision()).isEqualTo(Decision.HELD);
        assertThat(held.sendAt()).isEqualTo(shanghai(21, 8, 0).toEpochMilli());
        assertThat(out.wakes).containsExactly(shanghai(21, 8, 0));
        assertThat(out.delivered).isEmpty();

        engine.onWake(state, OWNER, shanghai(21, 7, 59), out);
        assertThat(out.decided).hasSize(1);

        engine.onWake(state, OWNER, shanghai(21, 8, 0), out);
        ServiceOffer sent = out.last();
        assertThat(sent.decision()).isEqualTo(Decision.SENT);
        assertThat(sent.offerId()).isEqualTo(held.offerId());
        assertThat(sent.decidedAt()).isEqualTo(shanghai(21, 8, 0).toEpochMilli());
        assertThat(out.delivered).containsExactly(sent);
        assertThat(state.pending).isEmpty();
    }

    @Test
    void consentWithdrawnWhileAnOfferIsHeldSuppressesItAtRelease() {
        profile(owner(0));
        Instant night = shanghai(20, 23, 30);
        engine.onAlert(state, OWNER, alert(AlertKind.TIRE_PRESSURE_LOW, Severity.WARNING, AlertState.OPEN, night), night, out);

        engine.onOptOut(state, OfferFixtures.optOut(Channel.WECOM, shanghai(21, 1, 0)));
        engine.onWake(state, OWNER, shanghai(21, 8, 0), out);

        assertThat(out.last().decision()).isEqualTo(Decision.SUPPRESSED);
        assertThat(out.last().decisionReason()).isEqualTo("no-marketing-consent");
        assertThat(out.delivered).isEmpty();
    }

    @Test
    void aProfileNewerThanAnOptOutReplacesItButAnOlderOneDoesNot() {
        profile(owner(0));
        engine.onOptOut(state, OfferFixtures.optOut(Channel.WECOM, shanghai(21, 1, 0)));

        profile(owner(shanghai(20, 0, 0).toEpochMilli()));
        assertThat(OwnerOfferEngine.effectiveProfile(state).hasMarketingConsent(Channel.WECOM)).isFalse();

        profile(owner(shanghai(22, 0, 0).toEpochMilli()));
        assertThat(OwnerOfferEngine.effectiveProfile(state).hasMarketingConsent(Channel.WECOM)).isTrue();
    }

    @Test
    void aCriticalAlertAtNightGoesToTheHeadUnitAtOnceEvenWithoutConsent() {
        profile(owner(Map.of(), 0));
        Instant night = shanghai(20, 2, 0);
        Alert warning = alert(AlertKind.COOLANT_OVERHEAT, Severity.WARNING, AlertState.OPEN, night);
        Alert critical = OfferFixtures.alertWithId(warning.alertId(), AlertKind.COOLANT_OVERHEAT, Severity.CRITICAL,
                AlertState.ESCALATED, night.plusSeconds(60));

        engine.onAlert(state, OWNER, warning, night, out);
        engine.onAlert(state, OWNER, critical, night.plusSeconds(60), out);

        assertThat(out.decided).hasSize(2);
        assertThat(out.decided.get(0).decision()).isEqualTo(Decision.SUPPRESSED);
        ServiceOffer safety = out.decided.get(1);
        assertThat(safety.decision()).isEqualTo(Decision.SENT);
        assertThat(safety.decisionReason()).isEqualTo("safety-critical");
        assertThat(safety.channel()).isEqualTo(Channel.HEAD_UNIT);
        assertThat(safety.offerId()).isNotEqualTo(out.decided.get(0).offerId());
        assertThat(out.notices).singleElement().satisfies(n -> {
            assertThat(n.vin()).isEqualTo(OfferFixtures.VIN);
            assertThat(n.notice().kind()).isEqualTo(NoticeKind.ALERT);
            assertThat(n.notice().severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(state.contacts).singleElement().satisfies(c -> assertThat(c.marketing()).isFalse());
    }

    @Test
    void aServiceSchedulesFollowUpsThatAreDecidedWhenDue() {
        profile(owner(0));
        Instant serviced = shanghai(2, 11, 0);

        engine.onServiceDone(state, OWNER, OfferFixtures.serviceDone(serviced), out);
        engine.onServiceDone(state, OWNER, OfferFixtures.serviceDone(serviced), out);

        assertThat(out.wakes).containsExactly(serviced.plusSeconds(7 * 86400), serviced.plusSeconds(15 * 86400),
                serviced.plusSeconds(30 * 86400));
        assertThat(out.replays).hasSize(3);
        assertThat(out.decided).isEmpty();

        engine.onWake(state, OWNER, serviced.plusSeconds(7 * 86400), out);

        assertThat(out.decided).singleElement().satisfies(offer -> {
            assertThat(offer.recommendation()).isEqualTo("FOLLOW_UP_SATISFACTION");
            assertThat(offer.triggerType()).isEqualTo(ServiceOffer.TRIGGER_SERVICE_FOLLOW_UP);
            assertThat(offer.decision()).isEqualTo(Decision.SENT);
        });
        assertThat(state.pending).hasSize(2);
    }

    @Test
    void anErasureRecordsWaitingOffersAsSuppressedAndForgetsTheOwner() {
        profile(owner(0));
        engine.onServiceDone(state, OWNER, OfferFixtures.serviceDone(shanghai(2, 11, 0)), out);

        engine.onErased(state, OWNER, shanghai(3, 9, 0), out);

        assertThat(out.decided).hasSize(3).allSatisfy(offer -> {
            assertThat(offer.decision()).isEqualTo(Decision.SUPPRESSED);
            assertThat(offer.decisionReason()).isEqualTo("no-owner-profile");
        });
        assertThat(state.isEmpty()).isTrue();
    }

    @Test
    void withoutAProfileEveryCandidateIsRecordedAsSuppressed() {
        Instant morning = shanghai(20, 10, 0);
        engine.onAlert(state, OWNER, alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, morning), morning, out);

        assertThat(out.last().decisionReason()).isEqualTo("no-owner-profile");
    }

    @Test
    void theStateSurvivesItsJsonRoundTrip() {
        profile(owner(0));
        engine.onOptOut(state, OfferFixtures.optOut(Channel.APP, shanghai(19, 1, 0)));
        Instant night = shanghai(20, 23, 30);
        engine.onAlert(state, OWNER, alert(AlertKind.TIRE_PRESSURE_LOW, Severity.WARNING, AlertState.OPEN, night), night, out);
        engine.onAlert(state, OWNER, alert(AlertKind.BRAKE_PADS_WORN, Severity.CRITICAL, AlertState.OPEN, night), night, out);

        OwnerOfferState copy = OwnerStateCodec.read(OwnerStateCodec.write(state));

        assertThat(copy.profile).isEqualTo(state.profile);
        assertThat(copy.optedOutAt).isEqualTo(state.optedOutAt);
        assertThat(copy.contacts).isEqualTo(state.contacts);
        assertThat(copy.sent).isEqualTo(state.sent);
        assertThat(copy.healthDecidedAt).isEqualTo(state.healthDecidedAt);
        assertThat(copy.pending).isEqualTo(state.pending);
        assertThat(copy.history()).isEqualTo(state.history());
    }

    @Test
    void oldContactsAndDecisionsArePrunedButTheLatestOfEachRecommendationStays() {
        profile(owner(0));
        Instant first = shanghai(1, 10, 0);
        engine.onAlert(state, OWNER, alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, first), first, out);
        Instant later = first.plusSeconds(100L * 86400);
        engine.onAlert(state, OWNER, alert(AlertKind.TIRE_PRESSURE_LOW, Severity.WARNING, AlertState.OPEN, later), later, out);

        assertThat(state.contacts).hasSize(2);
        assertThat(state.sent).hasSize(1);
    }

    @Test
    void onlySentOffersAreRememberedForReplays() {
        profile(owner(Map.of(), 0));
        Instant morning = shanghai(20, 10, 0);
        engine.onAlert(state, OWNER, alert(AlertKind.BRAKE_PADS_WORN, Severity.WARNING, AlertState.OPEN, morning), morning, out);

        assertThat(out.last().decision()).isEqualTo(Decision.SUPPRESSED);
        assertThat(state.sent).isEmpty();
    }

    @Test
    void aHealthConditionThatKeepsHoldingIsDecidedAgainOnlyAfterADay() {
        profile(owner(Map.of(), 0));
        Instant t = shanghai(20, 10, 0);
        for (int i = 0; i < 6; i++) {
            Instant at = t.plusSeconds(600L * i);
            engine.onHealth(state, OWNER, brakesDueIn(800, at), at, out);
        }
        assertThat(out.decided).singleElement().satisfies(d -> assertThat(d.decisionReason()).isEqualTo("no-marketing-consent"));

        profile(owner(0));
        Instant nextDay = t.plusSeconds(86_400);
        engine.onHealth(state, OWNER, brakesDueIn(700, nextDay), nextDay, out);

        assertThat(out.decided).hasSize(2);
        assertThat(out.last().decision()).isEqualTo(Decision.SENT);
        assertThat(out.last().triggerType()).isEqualTo(ServiceOffer.TRIGGER_HEALTH);
        assertThat(out.last().body()).contains("700");
    }

    private static HealthPrediction brakesDueIn(double km, Instant at) {
        return new HealthPrediction(HealthPrediction.SCHEMA_VERSION, OfferFixtures.VIN, at.toEpochMilli(), 48_000.0,
                new HealthPrediction.BrakePads(new HealthPrediction.AxleWear(88.0, km, 40.0, 0.8),
                        new HealthPrediction.AxleWear(40.0, 9_000.0, 300.0, 0.5)), null, null);
    }
}
