package io.pitwall.gateway.session;

import io.pitwall.gateway.mqtt.GatewayCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionIndexTest {

    private final SubscriptionIndex index = new SubscriptionIndex();

    private SessionState session(String clientId) {
        return new SessionState(clientId, clientId, 10, new GatewayCounters(), line -> { }, index);
    }

    @Test
    void aTopicFindsTheSessionsWithThatExactFilterAndEveryWildcardHolderOnce() {
        SessionState exact = session("exact");
        SessionState wildcard = session("wildcard");
        SessionState both = session("both");
        SessionState elsewhere = session("elsewhere");
        exact.subscribe(Subscription.of("bench/1", 0), 16);
        wildcard.subscribe(Subscription.of("bench/+", 1), 16);
        both.subscribe(Subscription.of("bench/1", 0), 16);
        both.subscribe(Subscription.of("#", 0), 16);
        elsewhere.subscribe(Subscription.of("bench/2", 0), 16);

        assertThat(index.candidates("bench/1")).containsExactlyInAnyOrder(exact, wildcard, both);
        assertThat(index.candidates("bench/2")).containsExactlyInAnyOrder(elsewhere, wildcard, both);
        assertThat(index.candidates("other")).containsExactlyInAnyOrder(wildcard, both);
    }

    @Test
    void unsubscribingAndEndingASessionTakeItsFiltersOut() {
        SessionState a = session("a");
        SessionState b = session("b");
        a.subscribe(Subscription.of("t", 0), 16);
        a.subscribe(Subscription.of("t/#", 0), 16);
        a.subscribe(Subscription.of("t/+", 0), 16);
        b.subscribe(Subscription.of("t", 1), 16);
        b.subscribe(Subscription.of("t", 2), 16);

        a.unsubscribe("t/#");
        assertThat(index.candidates("x")).as("a still holds t/+").containsExactly(a);
        a.unsubscribe("t/+");
        assertThat(index.candidates("x")).isEmpty();
        assertThat(index.candidates("t")).containsExactlyInAnyOrder(a, b);

        a.leaveIndex();
        assertThat(index.candidates("t")).as("a replaced filter was counted once").containsExactly(b);
        b.unsubscribe("t");
        assertThat(index.candidates("t")).isEmpty();
    }
}
