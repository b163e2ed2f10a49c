package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.Candidates;
import io.pitwall.offers.Owners;
import io.pitwall.offers.catalogue.Candidate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoolDownRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");

    private PolicyStep.StepResult apply(Candidate candidate, Contact... contacts) {
        ContactHistory history = ContactHistory.empty();
        for (Contact c : contacts) {
            history = history.with(c);
        }
        return new CoolDownRule().apply(Contexts.of(candidate, Owners.owner(NOW).build(), history, NOW, Tier.MID, Lifecycle.ACTIVE));
    }

    @Test
    void theSameRecommendationWithinItsCoolDownIsSuppressed() {
        var d = Contexts.decided(apply(Candidates.brake(), new Contact("BRAKE_SERVICE", Channel.WECOM, NOW.minus(Duration.ofDays(13)), true)));
        assertThat(d.reason()).isEqualTo(ReasonCode.COOL_DOWN);
    }

    @Test
    void exactlyOneCoolDownLaterIsAllowed() {
        assertThat(apply(Candidates.brake(), new Contact("BRAKE_SERVICE", Channel.WECOM, NOW.minus(Duration.ofDays(14)), true)))
                .isInstanceOf(PolicyStep.Proceed.class);
    }

    @Test
    void anotherRecommendationDoesNotCoolThisOneDown() {
        assertThat(apply(Candidates.brake(), new Contact("TIRE_CHECK", Channel.WECOM, NOW.minusSeconds(5), true)))
                .isInstanceOf(PolicyStep.Proceed.class);
    }

    @Test
    void itIsPerOwnerBecauseTheHistoryIsTheOwners() {
        assertThat(apply(Candidates.brake())).isInstanceOf(PolicyStep.Proceed.class);
    }

    @Test
    void aZeroCoolDownNeverSuppresses() {
        assertThat(apply(Candidates.followUp("FOLLOW_UP_CARE_TIP"),
                new Contact("FOLLOW_UP_CARE_TIP", Channel.WECOM, NOW.minusSeconds(1), true))).isInstanceOf(PolicyStep.Proceed.class);
    }
}
