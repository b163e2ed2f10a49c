package io.pitwall.offers.policy;

import io.pitwall.contracts.offers.Decision;
import io.pitwall.offers.owners.OwnerStanding;
import java.util.List;

/**
 * The touch rules in their order - consent, safety, frequency cap, cool-down, quiet hours,
 * lifecycle - each a {@link PolicyStep}. The first step that decides ends the chain; a request that
 * passes them all is SENT with the treatment and reason the steps settled on. Stateless and
 * thread-safe: everything it reads is in the {@link OfferRequest}.
 */
public final class PolicyChain {

    /** The recommendation a LOST owner's first contact becomes: a short "why did you leave" survey. */
    public static final String WIN_BACK_SURVEY = "WIN_BACK_SURVEY";

    private final PolicyConfig config;
    private final List<PolicyStep> steps;

    public PolicyChain(PolicyConfig config, List<PolicyStep> steps) {
        this.config = config;
        this.steps = List.copyOf(steps);
    }

    public static PolicyChain standard(PolicyConfig config) {
        return new PolicyChain(config, List.of(
                new ConsentRule(config.channelPreference()),
                new SafetyRule(),
                new FrequencyCapRule(config.capPerTier(), config.capWindow()),
                new CoolDownRule(),
                new QuietHoursRule(config.quietStart(), config.quietEnd(), config.defaultZone()),
                new LifecycleRule()));
    }

    public List<PolicyStep> steps() {
        return steps;
    }

    public PolicyDecision decide(OfferRequest request) {
        if (request.owner() == null) {
            return new PolicyDecision(Decision.SUPPRESSED, ReasonCode.NO_OWNER_PROFILE, request.candidate().recommendation(),
                    null, null, null, Treatment.STANDARD, null);
        }
        OwnerStanding standing = OwnerStanding.of(request.owner(), request.now(), config.tierRules(), config.lifecycleRules());
        PolicyContext context = PolicyContext.start(request, standing);
        for (PolicyStep step : steps) {
            PolicyStep.StepResult result = step.apply(context);
            if (result instanceof PolicyStep.Decided decided) {
                return decided.decision();
            }
            context = ((PolicyStep.Proceed) result).context();
        }
        return context.decide(context.reason());
    }
}
