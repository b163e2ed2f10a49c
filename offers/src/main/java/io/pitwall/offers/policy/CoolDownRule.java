package io.pitwall.offers.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Step 4: the same recommendation is not repeated to an owner within its catalogue cool-down. A
 * repeat exactly one cool-down later is allowed.
 */
public final class CoolDownRule implements PolicyStep {

    @Override
    public StepResult apply(PolicyContext context) {
        Duration coolDown = context.request().candidate().coolDown();
        if (coolDown.isZero() || coolDown.isNegative()) {
            return PolicyStep.proceed(context);
        }
        Optional<Instant> last = context.request().history().lastSent(context.recommendation());
        if (last.isPresent() && context.now().isBefore(last.get().plus(coolDown))) {
            return PolicyStep.decided(context.decide(ReasonCode.COOL_DOWN));
        }
        return PolicyStep.proceed(context);
    }
}
