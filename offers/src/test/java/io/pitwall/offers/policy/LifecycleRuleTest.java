package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.Candidates;
import io.pitwall.offers.Owners;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");
    private static final Instant LAST_VISIT = NOW.minus(Duration.ofDays(500));

    private PolicyContext apply(Lifecycle lifecycle, ContactHistory history) {
        return Contexts.proceeded(new LifecycleRule().apply(Contexts.of(Candidates.brake(),
                Owners.owner(NOW).lastVisit(LAST_VISIT).build(), history, NOW, Tier.MID, lifecycle)));
    }

    @Test
    void anActiveOwnerGetsTheStandardOffer() {
        PolicyContext c = apply(Lifecycle.ACTIVE, ContactHistory.empty());
        assertThat(c.treatment()).isEqualTo(Treatment.STANDARD);
        assertThat(c.recommendation()).isEqualTo("BRAKE_SERVICE");
        assertThat(c.reason()).isEqualTo(ReasonCode.SENT);
    }

    @Test
    void aDormantOwnerGetsReactivationWording() {
        PolicyContext c = apply(Lifecycle.DORMANT, ContactHistory.empty());
        assertThat(c.treatment()).isEqualTo(Treatment.REACTIVATION);
        assertThat(c.recommendation()).isEqualTo("BRAKE_SERVICE");
        assertThat(c.reason()).isEqualTo(ReasonCode.DORMANT_REACTIVATION);
    }

    @Test
    void aLostOwnersFirstContactIsTheSurveyNotTheOffer() {
        PolicyContext c = apply(Lifecycle.LOST, ContactHistory.empty());
        assertThat(c.recommendation()).isEqualTo(PolicyChain.WIN_BACK_SURVEY);
        assertThat(c.treatment()).isEqualTo(Treatment.WIN_BACK_SURVEY);
        assertThat(c.reason()).isEqualTo(ReasonCode.LOST_OWNER_SURVEY);
    }

    @Test
    void afterTheSurveyALostOwnerGetsTheOfferWithReactivationWording() {
        ContactHistory surveyed = ContactHistory.empty().with(new Contact(PolicyChain.WIN_BACK_SURVEY, Channel.WECOM, NOW.minus(Duration.ofDays(40)), true));
        PolicyContext c = apply(Lifecycle.LOST, surveyed);
        assertThat(c.recommendation()).isEqualTo("BRAKE_SERVICE");
        assertThat(c.reason()).isEqualTo(ReasonCode.LOST_OWNER_REACTIVATION);
    }

    @Test
    void aSurveyFromAnEarlierLostSpellDoesNotCountAgain() {
        ContactHistory old = ContactHistory.empty().with(new Contact(PolicyChain.WIN_BACK_SURVEY, Channel.WECOM, LAST_VISIT.minus(Duration.ofDays(1)), true));
        assertThat(apply(Lifecycle.LOST, old).recommendation()).isEqualTo(PolicyChain.WIN_BACK_SURVEY);
    }
}
