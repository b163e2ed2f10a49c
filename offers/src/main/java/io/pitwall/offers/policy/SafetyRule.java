package io.pitwall.offers.policy;

/**
 * Step 2: a CRITICAL alert is a safety notice. It is sent to the head unit now, whatever the cap,
 * cool-down, quiet hours or lifecycle say (DOMAIN.md: "reach the head unit regardless").
 */
public final class SafetyRule implements PolicyStep {

    @Override
    public StepResult apply(PolicyContext context) {
        if (context.request().candidate().safetyCritical()) {
            return PolicyStep.decided(context.decide(ReasonCode.SAFETY_CRITICAL, Treatment.SAFETY, null));
        }
        return PolicyStep.proceed(context);
    }
}
