package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Step 3: at most the tier's cap of marketing touches in the rolling window ending now. The window
 * is {@code (now - window, now]}: a touch exactly one window ago no longer counts. Follow-ups and
 * surveys are marketing touches and count; safety notices do not.
 */
public final class FrequencyCapRule implements PolicyStep {

    private final Map<Tier, Integer> caps;
    private final Duration window;

    public FrequencyCapRule(Map<Tier, Integer> caps, Duration window) {
        this.caps = Map.copyOf(caps);
        this.window = window;
    }

    @Override
    public StepResult apply(PolicyContext context) {
        Instant now = context.now();
        int used = context.request().history().marketingTouches(now.minus(window), now);
        if (used >= caps.get(context.standing().tier())) {
            return PolicyStep.decided(context.decide(ReasonCode.FREQUENCY_CAP));
        }
        return PolicyStep.proceed(context);
    }
}
