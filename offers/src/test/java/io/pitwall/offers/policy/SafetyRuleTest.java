package io.pitwall.offers.policy;

import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.Candidates;
import io.pitwall.offers.Owners;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");

    @Test
    void aCriticalAlertIsSentAsASafetyNoticeAtOnce() {
        PolicyContext context = Contexts.of(Candidates.alert("COOLING_CHECK", Severity.CRITICAL), Owners.owner(NOW).build(),
                ContactHistory.empty(), NOW, Tier.POTENTIAL, Lifecycle.LOST).withChannel(Channel.HEAD_UNIT);
        PolicyDecision d = Contexts.decided(new SafetyRule().apply(context));
        assertThat(d.decision()).isEqualTo(Decision.SENT);
        assertThat(d.reason()).isEqualTo(ReasonCode.SAFETY_CRITICAL);
        assertThat(d.treatment()).isEqualTo(Treatment.SAFETY);
        assertThat(d.channel()).isEqualTo(Channel.HEAD_UNIT);
        assertThat(d.recommendation()).isEqualTo("COOLING_CHECK");
        assertThat(d.contactAt(NOW)).hasValueSatisfying(c -> assertThat(c.marketing()).isFalse());
    }

    @Test
    void everythingElsePassesThrough() {
        PolicyContext context = Contexts.of(Candidates.alert("COOLING_CHECK", Severity.WARNING), Owners.owner(NOW).build(),
                ContactHistory.empty(), NOW, Tier.MID, Lifecycle.ACTIVE);
        assertThat(new SafetyRule().apply(context)).isInstanceOf(PolicyStep.Proceed.class);
    }
}
