package io.pitwall.offers.policy;

import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.Candidates;
import io.pitwall.offers.Owners;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrequencyCapRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");
    private final FrequencyCapRule rule = new FrequencyCapRule(PolicyConfig.defaults().capPerTier(), Duration.ofDays(30));

    private static ContactHistory touches(int n, Duration apart) {
        ContactHistory h = ContactHistory.empty();
        for (int i = 1; i <= n; i++) {
            h = h.with(new Contact("TIRE_CHECK", Channel.WECOM, NOW.minus(apart.multipliedBy(i)), true));
        }
        return h;
    }

    private PolicyStep.StepResult apply(ContactHistory history, Tier tier) {
        return rule.apply(Contexts.of(Candidates.brake(), Owners.owner(NOW).build(), history, NOW, tier, Lifecycle.ACTIVE));
    }

    @Test
    void oneBelowTheCapPasses() {
        assertThat(apply(touches(3, Duration.ofDays(2)), Tier.HIGH)).isInstanceOf(PolicyStep.Proceed.class);
        assertThat(apply(touches(2, Duration.ofDays(2)), Tier.MID)).isInstanceOf(PolicyStep.Proceed.class);
        assertThat(apply(touches(1, Duration.ofDays(2)), Tier.POTENTIAL)).isInstanceOf(PolicyStep.Proceed.class);
    }

    @Test
    void capReachedExactlySuppresses() {
        for (Tier tier : Tier.values()) {
            int cap = PolicyConfig.defaults().capPerTier().get(tier);
            PolicyDecision d = Contexts.decided(apply(touches(cap, Duration.ofDays(2)), tier));
            assertThat(d.decision()).as(tier.name()).isEqualTo(Decision.SUPPRESSED);
            assertThat(d.reason()).isEqualTo(ReasonCode.FREQUENCY_CAP);
        }
    }

    @Test
    void aTouchExactlyThirtyDaysAgoHasLeftTheWindow() {
        ContactHistory history = touches(1, Duration.ofDays(1)).with(new Contact("X", Channel.WECOM, NOW.minus(Duration.ofDays(30)), true));
        assertThat(apply(history, Tier.POTENTIAL)).isInstanceOf(PolicyStep.Proceed.class);
        ContactHistory justInside = touches(1, Duration.ofDays(1))
                .with(new Contact("X", Channel.WECOM, NOW.minus(Duration.ofDays(30)).plusMillis(1), true));
        assertThat(apply(justInside, Tier.POTENTIAL)).isInstanceOf(PolicyStep.Decided.class);
    }

    @Test
    void safetyNoticesDoNotCountButFollowUpsDo() {
        ContactHistory safety = ContactHistory.empty()
                .with(new Contact("COOLING_CHECK", Channel.HEAD_UNIT, NOW.minusSeconds(60), false))
                .with(new Contact("COOLING_CHECK", Channel.HEAD_UNIT, NOW.minusSeconds(120), false));
        assertThat(apply(safety, Tier.POTENTIAL)).isInstanceOf(PolicyStep.Proceed.class);
        ContactHistory followUps = ContactHistory.empty()
                .with(new Contact("FOLLOW_UP_SATISFACTION", Channel.WECOM, NOW.minus(Duration.ofDays(23)), true))
                .with(new Contact("FOLLOW_UP_CARE_TIP", Channel.WECOM, NOW.minus(Duration.ofDays(15)), true));
        assertThat(Contexts.decided(apply(followUps, Tier.POTENTIAL)).reason()).isEqualTo(ReasonCode.FREQUENCY_CAP);
    }

    @Test
    void capsAreConfigurable() {
        FrequencyCapRule strict = new FrequencyCapRule(java.util.Map.of(Tier.HIGH, 0, Tier.MID, 0, Tier.POTENTIAL, 0), Duration.ofDays(30));
        assertThat(strict.apply(Contexts.of(Candidates.brake(), Owners.owner(NOW).build(), ContactHistory.empty(), NOW, Tier.HIGH,
                Lifecycle.ACTIVE))).isInstanceOf(PolicyStep.Decided.class);
    }
}
