package io.pitwall.gateway.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Aliases go to topics used more than once, within the client's maximum, least recently used reassigned. */
class OutboundTopicAliasesTest {

    @Test
    void aTopicGetsAnAliasTheSecondTimeAndTravelsWithoutItsNameAfterwards() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(4);
        assertThat(aliases.use("a/b")).isEqualTo(OutboundTopicAliases.Use.NONE);
        assertThat(aliases.use("a/b")).isEqualTo(new OutboundTopicAliases.Use(1, true));
        assertThat(aliases.use("a/b")).isEqualTo(new OutboundTopicAliases.Use(1, false));
        assertThat(aliases.use("c/d")).isEqualTo(OutboundTopicAliases.Use.NONE);
        assertThat(aliases.use("c/d")).isEqualTo(new OutboundTopicAliases.Use(2, true));
        assertThat(aliases.use("a/b")).isEqualTo(new OutboundTopicAliases.Use(1, false));
    }

    @Test
    void whenAllAreTakenTheLeastRecentlyUsedAliasIsRemapped() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(2);
        for (String topic : new String[] {"a", "a", "b", "b", "a", "c"}) {
            aliases.use(topic);
        }
        assertThat(aliases.use("c")).as("b was used least recently").isEqualTo(new OutboundTopicAliases.Use(2, true));
        assertThat(aliases.use("c")).isEqualTo(new OutboundTopicAliases.Use(2, false));
        assertThat(aliases.use("a")).isEqualTo(new OutboundTopicAliases.Use(1, false));
    }

    @Test
    void noAliasesWhenTheClientAcceptsNone() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(0);
        for (int i = 0; i < 3; i++) {
            assertThat(aliases.use("a/b")).isEqualTo(OutboundTopicAliases.Use.NONE);
        }
    }

    @Test
    void usesAtMostItsOwnBoundWhateverTheClientAccepts() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(65_535);
        int highest = 0;
        for (int i = 0; i < 200; i++) {
            aliases.use("t/" + i);
            highest = Math.max(highest, aliases.use("t/" + i).alias());
        }
        assertThat(highest).isEqualTo(OutboundTopicAliases.MAX_ALIASES);
    }
}
