package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.Channel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactHistoryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");

    private static Contact contact(String recommendation, int daysAgo) {
        return new Contact(recommendation, Channel.WECOM, NOW.minus(Duration.ofDays(daysAgo)), true);
    }

    @Test
    void pruningDropsOldContactsButKeepsTheLatestOfEachRecommendation() {
        ContactHistory history = ContactHistory.empty().with(contact("A", 100)).with(contact("A", 90)).with(contact("B", 80))
                .with(contact("A", 5)).with(contact(PolicyChain.WIN_BACK_SURVEY, 200));

        ContactHistory pruned = history.prunedBefore(NOW.minus(Duration.ofDays(30)));

        assertThat(pruned.contacts()).containsExactly(contact(PolicyChain.WIN_BACK_SURVEY, 200), contact("B", 80), contact("A", 5));
        assertThat(pruned.lastSent("A")).contains(NOW.minus(Duration.ofDays(5)));
        assertThat(pruned.prunedBefore(NOW.minus(Duration.ofDays(30)))).isSameAs(pruned);
    }

    @Test
    void countsOnlyMarketingTouchesInTheHalfOpenWindow() {
        ContactHistory history = ContactHistory.empty().with(contact("A", 30)).with(contact("A", 29))
                .with(new Contact("S", Channel.HEAD_UNIT, NOW, false)).with(new Contact("F", Channel.WECOM, NOW.plusSeconds(1), true));
        assertThat(history.marketingTouches(NOW.minus(Duration.ofDays(30)), NOW)).isEqualTo(1);
    }
}
