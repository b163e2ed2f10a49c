package io.pitwall.gateway.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFiltersTest {

    @Test
    void singleLevelWildcardMatchesExactlyOneLevel() {
        assertThat(TopicFilters.matches("v1/vehicles/+/notices", "v1/vehicles/X/notices")).isTrue();
        assertThat(TopicFilters.matches("v1/vehicles/+/notices", "v1/vehicles/X/Y/notices")).isFalse();
        assertThat(TopicFilters.matches("v1/+", "v1/")).isTrue();
        assertThat(TopicFilters.matches("+", "a/b")).isFalse();
    }

    @Test
    void multiLevelWildcardMatchesTheParentAndEverythingBelow() {
        assertThat(TopicFilters.matches("v1/vehicles/X/#", "v1/vehicles/X")).isTrue();
        assertThat(TopicFilters.matches("v1/vehicles/X/#", "v1/vehicles/X/status")).isTrue();
        assertThat(TopicFilters.matches("v1/vehicles/X/#", "v1/vehicles/Y/status")).isFalse();
        assertThat(TopicFilters.matches("#", "a/b/c")).isTrue();
    }

    @Test
    void wildcardsAtTheFirstLevelDoNotMatchDollarTopics() {
        assertThat(TopicFilters.matches("#", "$SYS/broker")).isFalse();
        assertThat(TopicFilters.matches("+/broker", "$SYS/broker")).isFalse();
        assertThat(TopicFilters.matches("$SYS/#", "$SYS/broker")).isTrue();
    }

    @Test
    void validatesFilters() {
        assertThat(TopicFilters.isValid("a/+/#")).isTrue();
        assertThat(TopicFilters.isValid("a/#/b")).isFalse();
        assertThat(TopicFilters.isValid("a/b#")).isFalse();
        assertThat(TopicFilters.isValid("a/b+/c")).isFalse();
        assertThat(TopicFilters.isValid("")).isFalse();
    }
}
