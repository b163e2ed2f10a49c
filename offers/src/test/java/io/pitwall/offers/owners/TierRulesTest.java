package io.pitwall.offers.owners;

import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.Owners;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TierRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    private final TierRules rules = TierRules.defaults();

    private Tier tier(double value, int visits) {
        return rules.tierOf(Owners.owner(NOW).value(value).visits(visits).build(), NOW);
    }

    @Test
    void highNeedsValueAboveThirtyThousandAndFourVisits() {
        assertThat(tier(30_000.01, 4)).isEqualTo(Tier.HIGH);
        assertThat(tier(80_000, 7)).isEqualTo(Tier.HIGH);
    }

    @Test
    void exactlyThirtyThousandIsNotHigh() {
        assertThat(tier(30_000, 6)).isEqualTo(Tier.MID);
    }

    @Test
    void highValueWithTooFewVisitsFallsToMidNotPotential() {
        assertThat(tier(35_000, 3)).isEqualTo(Tier.MID);
        assertThat(tier(35_000, 1)).isEqualTo(Tier.MID);
        assertThat(tier(35_000, 0)).isEqualTo(Tier.MID);
    }

    @Test
    void frequentVisitorWithLowValueIsMid() {
        assertThat(tier(8_000, 5)).isEqualTo(Tier.MID);
        assertThat(tier(500, 2)).isEqualTo(Tier.MID);
    }

    @Test
    void midValueBandStartsAtTenThousandInclusive() {
        assertThat(tier(10_000, 0)).isEqualTo(Tier.MID);
        assertThat(tier(9_999.99, 1)).isEqualTo(Tier.POTENTIAL);
    }

    @Test
    void lowValueAndRareVisitsArePotential() {
        assertThat(tier(0, 0)).isEqualTo(Tier.POTENTIAL);
        assertThat(tier(4_000, 1)).isEqualTo(Tier.POTENTIAL);
    }

    @Test
    void tierMovesDownWhenTheLastVisitLeavesTheTwelveMonthWindow() {
        var owner = Owners.owner(NOW).value(45_000).visits(5).lastVisit(NOW.minus(Duration.ofDays(300))).build();
        assertThat(rules.tierOf(owner, NOW)).isEqualTo(Tier.HIGH);
        assertThat(rules.tierOf(owner, NOW.plus(Duration.ofDays(70)))).isEqualTo(Tier.MID);

        var frequentButCheap = Owners.owner(NOW).value(5_000).visits(3).lastVisit(NOW.minus(Duration.ofDays(366))).build();
        assertThat(rules.tierOf(frequentButCheap, NOW)).isEqualTo(Tier.POTENTIAL);
    }

    @Test
    void tierMovesUpWhenTheProfileChanges() {
        assertThat(tier(29_000, 5)).isEqualTo(Tier.MID);
        assertThat(tier(31_000, 5)).isEqualTo(Tier.HIGH);
    }

    @Test
    void refusesThresholdsThatContradictEachOther() {
        assertThatThrownBy(() -> new TierRules(5_000, 4, 10_000, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("midMinValueCny <= highMinValueCny");
        assertThatThrownBy(() -> new TierRules(30_000, 1, 10_000, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
