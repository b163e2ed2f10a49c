package io.pitwall.offers;

import io.pitwall.contracts.NameUuid;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.offers.catalogue.Candidate;
import io.pitwall.offers.policy.PolicyDecision;
import io.pitwall.offers.render.RenderedOffer;
import java.time.Instant;
import java.util.UUID;

/** Builds the {@code service.offers} record of a decision, sent or not, so that every contact and non-contact is on record. */
public final class OfferRecords {

    private static final UUID NAMESPACE = NameUuid.v5(NameUuid.URL_NAMESPACE, "https://pitwall.io/ids/offer");

    private OfferRecords() {
    }

    /**
     * The offer id: a name-based UUID of owner, recommendation and trigger, so a replay of the same
     * alert yields the same id (and the webhook's idempotency key repeats).
     */
    public static String offerId(String ownerId, String recommendation, String triggerId) {
        return NameUuid.v5(NAMESPACE, ownerId + "/" + recommendation + "/" + triggerId).toString();
    }

    /** @param rendered null when nothing was rendered (suppressed decisions) */
    public static ServiceOffer serviceOffer(String offerId, String ownerId, Candidate candidate, PolicyDecision decision,
                                            RenderedOffer rendered, Instant decidedAt) {
        return new ServiceOffer(ServiceOffer.SCHEMA_VERSION, offerId, ownerId, candidate.vin(), decision.recommendation(),
                decision.decision(), decision.reason().recorded(), decision.channel(), decision.tier(), decision.lifecycle(),
                rendered == null ? null : rendered.experiment(), rendered == null ? null : rendered.variant(),
                rendered == null ? null : rendered.templateId(), rendered == null ? null : rendered.locale(),
                rendered == null ? null : rendered.title(), rendered == null ? null : rendered.body(),
                rendered == null ? null : rendered.bookingUrl(), candidate.triggerType(), candidate.triggerId(),
                candidate.triggerTime(), decidedAt.toEpochMilli(), decision.sendAt() == null ? null : decision.sendAt().toEpochMilli());
    }
}
