package io.pitwall.offers.policy;

import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.offers.owners.LifecycleRules;
import java.time.Instant;
import java.util.Optional;

/**
 * Step 6, lifecycle (DOMAIN.md): a DORMANT owner gets the offer with reactivation wording; a LOST
 * owner's first contact since their last activity is the "why did you leave" survey
 * ({@link PolicyChain#WIN_BACK_SURVEY}) instead of the offer, and later offers carry reactivation
 * wording. An ACTIVE owner gets the standard offer.
 */
public final class LifecycleRule implements PolicyStep {

    @Override
    public StepResult apply(PolicyContext context) {
        Lifecycle lifecycle = context.standing().lifecycle();
        if (lifecycle == Lifecycle.DORMANT) {
            return PolicyStep.proceed(context.withTreatment(context.recommendation(), Treatment.REACTIVATION,
                    ReasonCode.DORMANT_REACTIVATION));
        }
        if (lifecycle == Lifecycle.LOST) {
            if (surveyedSinceLastActivity(context)) {
                return PolicyStep.proceed(context.withTreatment(context.recommendation(), Treatment.REACTIVATION,
                        ReasonCode.LOST_OWNER_REACTIVATION));
            }
            return PolicyStep.proceed(context.withTreatment(PolicyChain.WIN_BACK_SURVEY, Treatment.WIN_BACK_SURVEY,
                    ReasonCode.LOST_OWNER_SURVEY));
        }
        return PolicyStep.proceed(context);
    }

    private static boolean surveyedSinceLastActivity(PolicyContext context) {
        Optional<Instant> survey = context.request().history().lastSent(PolicyChain.WIN_BACK_SURVEY);
        Long activity = LifecycleRules.lastActivity(context.request().owner());
        return survey.isPresent() && (activity == null || survey.get().isAfter(Instant.ofEpochMilli(activity)));
    }
}
