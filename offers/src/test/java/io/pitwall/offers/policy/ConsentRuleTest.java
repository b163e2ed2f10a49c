package io.pitwall.offers.policy;

import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.Candidates;
import io.pitwall.offers.Owners;
import io.pitwall.offers.catalogue.Candidate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");
    private final ConsentRule rule = new ConsentRule(List.of(Channel.WECOM, Channel.APP, Channel.WEBHOOK, Channel.HEAD_UNIT));

    private PolicyStep.StepResult apply(Candidate candidate, Owners owner) {
        return rule.apply(Contexts.of(candidate, owner.build(), ContactHistory.empty(), NOW, Tier.MID, Lifecycle.ACTIVE));
    }

    @Test
    void picksTheFirstPreferredChannelWithMarketingConsent() {
        var result = apply(Candidates.brake(), Owners.owner(NOW).noConsent().consent(Channel.WEBHOOK, true).consent(Channel.APP, true));
        assertThat(Contexts.proceeded(result).channel()).isEqualTo(Channel.APP);
    }

    @Test
    void suppressesAMarketingOfferWithoutConsentAnywhere() {
        PolicyDecision d = Contexts.decided(apply(Candidates.brake(), Owners.owner(NOW).noConsent()));
        assertThat(d.decision()).isEqualTo(Decision.SUPPRESSED);
        assertThat(d.reason()).isEqualTo(ReasonCode.NO_MARKETING_CONSENT);
        assertThat(d.channel()).isNull();
    }

    @Test
    void anExplicitFalseIsNoConsent() {
        var result = apply(Candidates.brake(), Owners.owner(NOW).noConsent().consent(Channel.WECOM, false));
        assertThat(Contexts.decided(result).reason()).isEqualTo(ReasonCode.NO_MARKETING_CONSENT);
    }

    @Test
    void consentWithdrawnOnOneChannelFallsBackToAnotherConsentedOne() {
        var before = apply(Candidates.brake(), Owners.owner(NOW).consent(Channel.HEAD_UNIT, true));
        var after = apply(Candidates.brake(), Owners.owner(NOW).consent(Channel.WECOM, false).consent(Channel.HEAD_UNIT, true));
        assertThat(Contexts.proceeded(before).channel()).isEqualTo(Channel.WECOM);
        assertThat(Contexts.proceeded(after).channel()).isEqualTo(Channel.HEAD_UNIT);
    }

    @Test
    void aSafetyNoticeGoesToTheHeadUnitWithoutMarketingConsent() {
        var result = apply(Candidates.alert("COOLING_CHECK", Severity.CRITICAL), Owners.owner(NOW).noConsent());
        assertThat(Contexts.proceeded(result).channel()).isEqualTo(Channel.HEAD_UNIT);
    }

    @Test
    void aWarningIsMarketingAndNeedsConsent() {
        var result = apply(Candidates.alert("COOLING_CHECK", Severity.WARNING), Owners.owner(NOW).noConsent());
        assertThat(Contexts.decided(result).reason()).isEqualTo(ReasonCode.NO_MARKETING_CONSENT);
    }
}
