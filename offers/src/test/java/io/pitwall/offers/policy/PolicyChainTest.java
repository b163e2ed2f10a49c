package io.pitwall.offers.policy;

import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.Candidates;
import io.pitwall.offers.Owners;
import io.pitwall.offers.catalogue.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyChainTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant DAY = LocalDateTime.parse("2026-11-24T10:00").atZone(SHANGHAI).toInstant();
    private static final Instant NIGHT = LocalDateTime.parse("2026-11-24T23:00").atZone(SHANGHAI).toInstant();
    private final PolicyChain chain = PolicyChain.standard(PolicyConfig.defaults());

    private static ContactHistory touches(int n, Instant now) {
        ContactHistory h = ContactHistory.empty();
        for (int i = 1; i <= n; i++) {
            h = h.with(new Contact("TIRE_CHECK", Channel.WECOM, now.minus(Duration.ofDays(i)), true));
        }
        return h;
    }

    private PolicyDecision decide(Candidate candidate, Owners owner, ContactHistory history, Instant now) {
        return chain.decide(new OfferRequest(candidate, owner.build(), history, now));
    }

    @Test
    void runsTheStepsInTheDocumentedOrder() {
        assertThat(chain.steps()).extracting(s -> s.getClass().getSimpleName()).containsExactly("ConsentRule", "SafetyRule",
                "FrequencyCapRule", "CoolDownRule", "QuietHoursRule", "LifecycleRule");
    }

    @Test
    void anActiveConsentingOwnerInTheDaytimeIsSentAPlainOffer() {
        PolicyDecision d = decide(Candidates.brake(), Owners.owner(DAY), ContactHistory.empty(), DAY);
        assertThat(d).isEqualTo(new PolicyDecision(Decision.SENT, ReasonCode.SENT, "BRAKE_SERVICE", Channel.WECOM, Tier.MID,
                Lifecycle.ACTIVE, Treatment.STANDARD, null));
        assertThat(d.reason().recorded()).isNull();
    }

    @Test
    void aCriticalAlertReachesTheHeadUnitWithoutConsentOverTheCapAtNightForALostOwner() {
        Owners lostAndCapped = Owners.owner(NIGHT).potential().noConsent().lastVisit(NIGHT.minus(Duration.ofDays(800)));
        PolicyDecision d = decide(Candidates.alert("COOLING_CHECK", Severity.CRITICAL), lostAndCapped, touches(5, NIGHT), NIGHT);
        assertThat(d.decision()).isEqualTo(Decision.SENT);
        assertThat(d.reason()).isEqualTo(ReasonCode.SAFETY_CRITICAL);
        assertThat(d.channel()).isEqualTo(Channel.HEAD_UNIT);
        assertThat(d.lifecycle()).isEqualTo(Lifecycle.LOST);
        assertThat(d.sendAt()).isNull();
    }

    @Test
    void consentIsCheckedBeforeTheCapSoTheRecordSaysWhyPrecisely() {
        PolicyDecision d = decide(Candidates.brake(), Owners.owner(DAY).noConsent(), touches(5, DAY), DAY);
        assertThat(d.reason()).isEqualTo(ReasonCode.NO_MARKETING_CONSENT);
    }

    @Test
    void theCapIsTheTiersAsOfNow() {
        Owners high = Owners.owner(DAY).high();
        assertThat(decide(Candidates.brake(), high, touches(3, DAY), DAY).decision()).isEqualTo(Decision.SENT);
        assertThat(decide(Candidates.brake(), Owners.owner(DAY), touches(3, DAY), DAY).reason()).isEqualTo(ReasonCode.FREQUENCY_CAP);
    }

    @Test
    void theSevenFifteenThirtyFollowUpsCountAgainstTheCap() {
        Instant serviced = DAY.minus(Duration.ofDays(30));
        ContactHistory history = ContactHistory.empty();
        Owners potential = Owners.owner(DAY).potential();
        for (String followUp : new String[] {"FOLLOW_UP_SATISFACTION", "FOLLOW_UP_CARE_TIP"}) {
            Instant at = serviced.plus(Duration.ofDays(followUp.endsWith("SATISFACTION") ? 7 : 15));
            PolicyDecision d = decide(Candidates.followUp(followUp), potential, history, at);
            assertThat(d.decision()).isEqualTo(Decision.SENT);
            history = history.with(d.contactAt(at).orElseThrow());
        }
        PolicyDecision third = decide(Candidates.followUp("FOLLOW_UP_NEXT_SERVICE"), potential, history, DAY);
        assertThat(third.reason()).isEqualTo(ReasonCode.FREQUENCY_CAP);
    }

    @Test
    void aHeldOfferIsDecidedAgainAtReleaseAndAConsentWithdrawnMeanwhileWins() {
        PolicyDecision held = decide(Candidates.brake(), Owners.owner(NIGHT), ContactHistory.empty(), NIGHT);
        assertThat(held.decision()).isEqualTo(Decision.HELD);
        assertThat(held.sendAt()).isEqualTo(LocalDateTime.parse("2026-11-25T08:00").atZone(SHANGHAI).toInstant());

        PolicyDecision released = decide(Candidates.brake(), Owners.owner(NIGHT), ContactHistory.empty(), held.sendAt());
        assertThat(released.decision()).isEqualTo(Decision.SENT);

        PolicyDecision withdrawn = decide(Candidates.brake(), Owners.owner(NIGHT).consent(Channel.WECOM, false), ContactHistory.empty(),
                held.sendAt());
        assertThat(withdrawn.decision()).isEqualTo(Decision.SUPPRESSED);
        assertThat(withdrawn.reason()).isEqualTo(ReasonCode.NO_MARKETING_CONSENT);
    }

    @Test
    void coolDownIsCheckedBeforeQuietHours() {
        ContactHistory recent = ContactHistory.empty().with(new Contact("BRAKE_SERVICE", Channel.WECOM, NIGHT.minus(Duration.ofDays(1)), true));
        assertThat(decide(Candidates.brake(), Owners.owner(NIGHT), recent, NIGHT).reason()).isEqualTo(ReasonCode.COOL_DOWN);
    }

    @Test
    void aLostOwnerInTheDaytimeGetsTheSurveyAndADormantOneReactivation() {
        PolicyDecision lost = decide(Candidates.brake(), Owners.owner(DAY).lastVisit(DAY.minus(Duration.ofDays(400))), ContactHistory.empty(), DAY);
        assertThat(lost.recommendation()).isEqualTo(PolicyChain.WIN_BACK_SURVEY);
        assertThat(lost.reason()).isEqualTo(ReasonCode.LOST_OWNER_SURVEY);
        assertThat(lost.contactAt(DAY)).hasValueSatisfying(c -> assertThat(c.recommendation()).isEqualTo(PolicyChain.WIN_BACK_SURVEY));

        PolicyDecision dormant = decide(Candidates.brake(), Owners.owner(DAY).lastVisit(DAY.minus(Duration.ofDays(250))), ContactHistory.empty(), DAY);
        assertThat(dormant.reason()).isEqualTo(ReasonCode.DORMANT_REACTIVATION);
        assertThat(dormant.treatment()).isEqualTo(Treatment.REACTIVATION);
    }

    @Test
    void withoutAProfileNothingIsSent() {
        PolicyDecision d = chain.decide(new OfferRequest(Candidates.brake(), null, ContactHistory.empty(), DAY));
        assertThat(d.decision()).isEqualTo(Decision.SUPPRESSED);
        assertThat(d.reason()).isEqualTo(ReasonCode.NO_OWNER_PROFILE);
    }

    @Test
    void aBlockedDecisionKeepsItsContextAndIsNoContact() {
        PolicyDecision blocked = decide(Candidates.brake(), Owners.owner(DAY), ContactHistory.empty(), DAY).blocked(ReasonCode.FORBIDDEN_WORDING);
        assertThat(blocked.decision()).isEqualTo(Decision.BLOCKED);
        assertThat(blocked.channel()).isEqualTo(Channel.WECOM);
        assertThat(blocked.contactAt(DAY)).isEmpty();
    }

    @Test
    void everyReasonCodeHasADistinctKebabCaseCode() {
        assertThat(ReasonCode.values()).extracting(ReasonCode::code).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z]+(-[a-z]+)*"));
    }
}
