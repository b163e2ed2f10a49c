package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import java.util.List;

/**
 * Step 1, consent (PIPL): a marketing offer goes to the first channel in the configured preference
 * on which the owner gave marketing consent; with none it is suppressed. A safety notice is service,
 * not marketing, and is routed to the head unit without asking for marketing consent. Consent is
 * read from the request's profile, which the caller keeps as the latest one, so a withdrawal takes
 * effect with the next decision.
 */
public final class ConsentRule implements PolicyStep {

    private final List<Channel> preference;

    public ConsentRule(List<Channel> preference) {
        this.preference = List.copyOf(preference);
    }

    @Override
    public StepResult apply(PolicyContext context) {
        if (context.request().candidate().safetyCritical()) {
            return PolicyStep.proceed(context.withChannel(Channel.HEAD_UNIT));
        }
        OwnerProfile owner = context.request().owner();
        boolean hasVehicle = context.request().candidate().vin() != null;
        for (Channel channel : preference) {
            if (owner.hasMarketingConsent(channel) && (channel != Channel.HEAD_UNIT || hasVehicle)) {
                return PolicyStep.proceed(context.withChannel(channel));
            }
        }
        return PolicyStep.decided(context.decide(ReasonCode.NO_MARKETING_CONSENT));
    }
}
