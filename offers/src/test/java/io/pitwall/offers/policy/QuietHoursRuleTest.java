package io.pitwall.offers.policy;

import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.Candidates;
import io.pitwall.offers.Owners;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursRuleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId URUMQI = ZoneId.of("Asia/Urumqi");
    private final QuietHoursRule rule = new QuietHoursRule(LocalTime.of(22, 0), LocalTime.of(8, 0), SHANGHAI);

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    private PolicyStep.StepResult at(Instant now, String zone) {
        return rule.apply(Contexts.of(Candidates.brake(), Owners.owner(now).zone(zone).build(), ContactHistory.empty(), now,
                Tier.MID, Lifecycle.ACTIVE));
    }

    @Test
    void beforeMidnightIsHeldUntilEightNextMorning() {
        PolicyDecision d = Contexts.decided(at(local("2026-11-24T23:30", SHANGHAI), "Asia/Shanghai"));
        assertThat(d.decision()).isEqualTo(Decision.HELD);
        assertThat(d.reason()).isEqualTo(ReasonCode.QUIET_HOURS);
        assertThat(d.sendAt()).isEqualTo(local("2026-11-25T08:00", SHANGHAI));
    }

    @Test
    void afterMidnightIsHeldUntilEightTheSameMorning() {
        assertThat(Contexts.decided(at(local("2026-11-25T03:10", SHANGHAI), "Asia/Shanghai")).sendAt())
                .isEqualTo(local("2026-11-25T08:00", SHANGHAI));
    }

    @Test
    void startIsInclusiveAndEndExclusive() {
        assertThat(at(local("2026-11-24T22:00", SHANGHAI), "Asia/Shanghai")).isInstanceOf(PolicyStep.Decided.class);
        assertThat(at(local("2026-11-24T21:59:59", SHANGHAI), "Asia/Shanghai")).isInstanceOf(PolicyStep.Proceed.class);
        assertThat(at(local("2026-11-25T08:00", SHANGHAI), "Asia/Shanghai")).isInstanceOf(PolicyStep.Proceed.class);
        assertThat(Contexts.decided(at(local("2026-11-25T07:59:59", SHANGHAI), "Asia/Shanghai")).sendAt())
                .isEqualTo(local("2026-11-25T08:00", SHANGHAI));
    }

    @Test
    void quietHoursAreTheOwnersTimeZoneNotTheServers() {
        // Urumqi is UTC+6, two hours behind Shanghai: 00:30 in Shanghai is 22:30 there.
        Instant instant = local("2026-11-25T00:30", SHANGHAI);
        PolicyDecision d = Contexts.decided(at(instant, "Asia/Urumqi"));
        assertThat(d.sendAt()).isEqualTo(local("2026-11-25T08:00", URUMQI));
        assertThat(d.sendAt()).isEqualTo(local("2026-11-25T10:00", SHANGHAI));
        assertThat(at(local("2026-11-24T22:30", SHANGHAI), "Asia/Urumqi")).isInstanceOf(PolicyStep.Proceed.class);
    }

    @Test
    void anOwnerWithoutOrWithABadZoneGetsTheDefault() {
        Instant instant = local("2026-11-24T23:00", SHANGHAI);
        assertThat(Contexts.decided(at(instant, null)).sendAt()).isEqualTo(local("2026-11-25T08:00", SHANGHAI));
        assertThat(Contexts.decided(at(instant, "Not/AZone")).sendAt()).isEqualTo(local("2026-11-25T08:00", SHANGHAI));
    }

    @Test
    void aDaylightSavingNightReleasesAtLocalEight() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant beforeSwitch = local("2026-03-28T23:00", berlin);
        Instant release = new QuietHoursRule(LocalTime.of(22, 0), LocalTime.of(8, 0), berlin).releaseAt(beforeSwitch, berlin);
        assertThat(release).isEqualTo(local("2026-03-29T08:00", berlin));
        assertThat(release).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }

    @Test
    void aWindowThatDoesNotCrossMidnightAndAnEmptyWindowWork() {
        QuietHoursRule lunch = new QuietHoursRule(LocalTime.of(12, 0), LocalTime.of(14, 0), SHANGHAI);
        assertThat(lunch.releaseAt(local("2026-11-24T13:00", SHANGHAI), SHANGHAI)).isEqualTo(local("2026-11-24T14:00", SHANGHAI));
        assertThat(lunch.releaseAt(local("2026-11-24T23:00", SHANGHAI), SHANGHAI)).isNull();
        QuietHoursRule none = new QuietHoursRule(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, SHANGHAI);
        assertThat(none.releaseAt(local("2026-11-24T03:00", SHANGHAI), SHANGHAI)).isNull();
    }
}
