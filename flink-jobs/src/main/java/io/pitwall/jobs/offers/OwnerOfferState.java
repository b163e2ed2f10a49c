package io.pitwall.jobs.offers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.offers.policy.Contact;
import io.pitwall.offers.policy.ContactHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the offer decider keeps for one owner. Stored in Flink state as one JSON document
 * ({@link OwnerStateCodec}): a handful of small fields per owner, read and written only when
 * something happens to that owner, and JSON lets a field be added without a state migration.
 */
public final class OwnerOfferState {

    /** The CRM's latest profile; null until one arrives, and again after an erasure. */
    public OwnerProfile profile;

    /**
     * Channels the owner opted out of through an offer, with when. Applied on top of the profile
     * at once; dropped when the CRM sends a profile newer than the opt-out (it has caught up).
     */
    public Map<Channel, Long> optedOutAt = new EnumMap<>(Channel.class);

    /** Offers that went out: what the cap, the cool-downs and the lifecycle rule count. */
    public List<SentContact> contacts = new ArrayList<>();

    /**
     * Offer ids that went out, with when: a replayed trigger is not sent twice. Only sent ones are
     * kept - a decision that contacted nobody repeats harmlessly under the same id - so the state
     * grows with contacts, not with decisions.
     */
    public Map<String, Long> sent = new HashMap<>();

    /** When a health condition last led to a decision, per recommendation: see {@code healthRecheck}. */
    public Map<String, Long> healthDecidedAt = new HashMap<>();

    /** Held offers and scheduled follow-ups, by offer id. */
    public Map<String, PendingOffer> pending = new HashMap<>();

    /**
     * Facts that reached the owner before the owner's profile did: the profile travels a shorter
     * path than the facts its links release, but the two may still cross. They wait a moment.
     */
    public List<AwaitingFact> awaitingProfile = new ArrayList<>();

    /** A fact waiting for the profile; {@code json} is the record as it arrived. */
    public record AwaitingFact(FactKind kind, long time, byte[] json) {
    }

    /** One entry of {@link #contacts}; epoch milliseconds rather than {@link Instant} keep the JSON plain. */
    public record SentContact(String recommendation, Channel channel, long at, boolean marketing) {

        static SentContact of(Contact c) {
            return new SentContact(c.recommendation(), c.channel(), c.at().toEpochMilli(), c.marketing());
        }

        Contact toContact() {
            return new Contact(recommendation, channel, Instant.ofEpochMilli(at), marketing);
        }
    }

    public ContactHistory history() {
        return new ContactHistory(contacts.stream().map(SentContact::toContact).toList());
    }

    public void replaceHistory(ContactHistory history) {
        contacts = new ArrayList<>(history.contacts().stream().map(SentContact::of).toList());
    }

    /** True when nothing is worth keeping: the state can be cleared rather than stored. */
    @JsonIgnore
    public boolean isEmpty() {
        return profile == null && optedOutAt.isEmpty() && contacts.isEmpty() && sent.isEmpty() && pending.isEmpty()
                && awaitingProfile.isEmpty() && healthDecidedAt.isEmpty();
    }
}
