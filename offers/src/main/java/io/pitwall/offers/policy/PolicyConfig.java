package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.owners.LifecycleRules;
import io.pitwall.offers.owners.TierRules;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The touch rules' settings, checked once when built.
 *
 * @param capPerTier        marketing touches allowed per tier in {@code capWindow}
 * @param quietStart        local time quiet hours begin (inclusive)
 * @param quietEnd          local time they end (exclusive), the release time of held offers; equal to start means none
 * @param defaultZone       for owners whose profile has no (or no valid) time zone
 * @param channelPreference marketing offers go to the first of these the owner consented to
 */
public record PolicyConfig(Map<Tier, Integer> capPerTier, Duration capWindow, LocalTime quietStart, LocalTime quietEnd,
                           ZoneId defaultZone, List<Channel> channelPreference, TierRules tierRules,
                           LifecycleRules lifecycleRules) {

    public PolicyConfig {
        capPerTier = Map.copyOf(capPerTier);
        for (Tier tier : Tier.values()) {
            Integer cap = capPerTier.get(tier);
            if (cap == null || cap < 0) {
                throw new IllegalArgumentException("capPerTier needs a non-negative cap for " + tier + "; got " + capPerTier);
            }
        }
        if (capWindow.isNegative() || capWindow.isZero()) {
            throw new IllegalArgumentException("capWindow must be positive; got " + capWindow);
        }
        channelPreference = List.copyOf(channelPreference);
        if (channelPreference.isEmpty() || channelPreference.stream().distinct().count() != channelPreference.size()) {
            throw new IllegalArgumentException("channelPreference must list channels once each; got " + channelPreference);
        }
    }

    /** DOMAIN.md: caps HIGH 4, MID 3, POTENTIAL 2 in 30 days; quiet 22:00-08:00; Asia/Shanghai when unknown. */
    public static PolicyConfig defaults() {
        Map<Tier, Integer> caps = new EnumMap<>(Tier.class);
        caps.put(Tier.HIGH, 4);
        caps.put(Tier.MID, 3);
        caps.put(Tier.POTENTIAL, 2);
        return new PolicyConfig(caps, Duration.ofDays(30), LocalTime.of(22, 0), LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"),
                List.of(Channel.WECOM, Channel.APP, Channel.WEBHOOK, Channel.HEAD_UNIT), TierRules.defaults(), LifecycleRules.defaults());
    }

    public PolicyConfig withCaps(Map<Tier, Integer> caps) {
        return new PolicyConfig(caps, capWindow, quietStart, quietEnd, defaultZone, channelPreference, tierRules, lifecycleRules);
    }

    public PolicyConfig withQuietHours(LocalTime start, LocalTime end) {
        return new PolicyConfig(capPerTier, capWindow, start, end, defaultZone, channelPreference, tierRules, lifecycleRules);
    }

    public PolicyConfig withChannelPreference(List<Channel> preference) {
        return new PolicyConfig(capPerTier, capWindow, quietStart, quietEnd, defaultZone, preference, tierRules, lifecycleRules);
    }
}
