package io.pitwall.offers.owners;

import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.offers.Owners;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    private final LifecycleRules rules = LifecycleRules.defaults();

    private Lifecycle lastVisitMonthsAgo(int months, Duration plus) {
        Instant visit = NOW.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant().minus(plus);
        return rules.lifecycleOf(Owners.owner(NOW).lastVisit(visit).build(), NOW);
    }

    @Test
    void recentVisitIsActive() {
        assertThat(lastVisitMonthsAgo(0, Duration.ofDays(1))).isEqualTo(Lifecycle.ACTIVE);
        assertThat(lastVisitMonthsAgo(6, Duration.ofMillis(-1))).isEqualTo(Lifecycle.ACTIVE);
    }

    @Test
    void exactlySixMonthsIsDormant() {
        assertThat(lastVisitMonthsAgo(6, Duration.ZERO)).isEqualTo(Lifecycle.DORMANT);
        assertThat(lastVisitMonthsAgo(11, Duration.ZERO)).isEqualTo(Lifecycle.DORMANT);
    }

    @Test
    void exactlyTwelveMonthsIsStillDormantAndOverTwelveIsLost() {
        assertThat(lastVisitMonthsAgo(12, Duration.ZERO)).isEqualTo(Lifecycle.DORMANT);
        assertThat(lastVisitMonthsAgo(12, Duration.ofMillis(1))).isEqualTo(Lifecycle.LOST);
        assertThat(lastVisitMonthsAgo(30, Duration.ZERO)).isEqualTo(Lifecycle.LOST);
    }

    @Test
    void aRecentInteractionKeepsAnOwnerWithAnOldVisitActive() {
        var owner = Owners.owner(NOW).lastVisit(NOW.minus(Duration.ofDays(500))).lastInteraction(NOW.minus(Duration.ofDays(10))).build();
        assertThat(rules.lifecycleOf(owner, NOW)).isEqualTo(Lifecycle.ACTIVE);
    }

    @Test
    void anOwnerWithNoActivityOnRecordIsANewOwnerAndActive() {
        var owner = Owners.owner(NOW).lastVisit(null).build();
        assertThat(rules.lifecycleOf(owner, NOW)).isEqualTo(Lifecycle.ACTIVE);
    }

    @Test
    void stageMovesWithTheAsOfInstant() {
        var owner = Owners.owner(NOW).lastVisit(NOW).build();
        assertThat(rules.lifecycleOf(owner, NOW)).isEqualTo(Lifecycle.ACTIVE);
        assertThat(rules.lifecycleOf(owner, NOW.plus(Duration.ofDays(200)))).isEqualTo(Lifecycle.DORMANT);
        assertThat(rules.lifecycleOf(owner, NOW.plus(Duration.ofDays(400)))).isEqualTo(Lifecycle.LOST);
    }

    @Test
    void aLastVisitInTheFutureFromClockSkewIsActive() {
        var owner = Owners.owner(NOW).lastVisit(NOW.plus(Duration.ofDays(2))).build();
        assertThat(rules.lifecycleOf(owner, NOW)).isEqualTo(Lifecycle.ACTIVE);
    }
}
