package io.pitwall.jobs.offers;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.alerts.Alert;
import io.pitwall.contracts.events.VehicleEvent;
import io.pitwall.contracts.health.HealthPrediction;
import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.offers.OfferRecords;
import io.pitwall.offers.catalogue.Candidate;
import io.pitwall.offers.catalogue.FollowUp;
import io.pitwall.offers.catalogue.OfferCatalogue;
import io.pitwall.offers.channels.HeadUnitChannel;
import io.pitwall.offers.policy.ContactHistory;
import io.pitwall.offers.policy.OfferRequest;
import io.pitwall.offers.policy.PolicyChain;
import io.pitwall.offers.policy.PolicyDecision;
import io.pitwall.offers.policy.ReasonCode;
import io.pitwall.offers.render.OfferRenderer;
import io.pitwall.offers.render.RenderedOffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One owner's offer decisions, as the Flink operator runs them: finds candidates for an alert, a
 * health prediction or a service, asks the policy, renders what may be sent, keeps held offers and
 * follow-ups until their time, and remembers what went out. It adds no business rule of its own -
 * those are the catalogue's and the policy's - only the bookkeeping around them. Works on a plain
 * {@link OwnerOfferState}, so it is tested without Flink.
 */
public final class OwnerOfferEngine {

    private final OfferCatalogue catalogue;
    private final PolicyChain policy;
    private final OfferRenderer renderer;
    private final HeadUnitChannel headUnit;
    private final Duration historyHorizon;
    private final Duration decidedRetention;
    private final Duration profileGrace;
    private final Duration healthRecheck;

    /**
     * @param historyHorizon   contacts older than this are pruned (the latest of each recommendation is kept):
     *                         at least the cap window and the longest cool-down
     * @param decidedRetention how long a sent offer's id is remembered to skip replays of its trigger
     * @param profileGrace     how long a fact that arrived before the owner's profile waits for it
     * @param healthRecheck    a health condition that keeps holding is decided again at most this often
     */
    public OwnerOfferEngine(OfferCatalogue catalogue, PolicyChain policy, OfferRenderer renderer, HeadUnitChannel headUnit,
                            Duration historyHorizon, Duration decidedRetention, Duration profileGrace, Duration healthRecheck) {
        this.catalogue = catalogue;
        this.policy = policy;
        this.renderer = renderer;
        this.headUnit = headUnit;
        this.historyHorizon = historyHorizon;
        this.decidedRetention = decidedRetention;
        this.profileGrace = profileGrace;
        this.healthRecheck = healthRecheck;
    }

    /**
     * The offer's id: stable across a hold and its release, and across replays. A CRITICAL alert is
     * a safety notice distinct from the offer its earlier, milder stage produced, so an escalation
     * gets an id of its own.
     */
    public static String offerId(String ownerId, Candidate candidate) {
        String trigger = candidate.safetyCritical() ? candidate.triggerId() + "#critical" : candidate.triggerId();
        return OfferRecords.offerId(ownerId, candidate.recommendation(), trigger);
    }

    /**
     * A new profile from the CRM. Facts that arrived before the first profile are decided now, each
     * as of its own time or {@code clock} (the stream's watermark), whichever is later.
     */
    public void onProfile(OwnerOfferState state, String ownerId, OwnerProfile profile, Instant clock, OfferOutput out) {
        state.profile = profile;
        // The CRM has caught up with an opt-out once it sends a profile changed after it.
        state.optedOutAt.values().removeIf(at -> at < profile.updatedAt());
        List<OwnerOfferState.AwaitingFact> awaiting = List.copyOf(state.awaitingProfile);
        state.awaitingProfile.clear();
        for (OwnerOfferState.AwaitingFact fact : awaiting) {
            onFact(state, ownerId, fact.kind(), fact.json(), latest(fact.time(), clock), out);
        }
    }

    /**
     * A fact about one of the owner's vehicles, as it arrived ({@link FactKind} says which record
     * the JSON is). Without a profile yet it waits up to the profile grace for one.
     */
    public void onFact(OwnerOfferState state, String ownerId, FactKind kind, byte[] json, Instant now, OfferOutput out) {
        if (state.profile == null && !profileGrace.isZero()) {
            state.awaitingProfile.add(new OwnerOfferState.AwaitingFact(kind, now.toEpochMilli(), json));
            out.wakeAt(now.plus(profileGrace));
            return;
        }
        dispatch(state, ownerId, kind, json, now, out);
    }

    private void dispatch(OwnerOfferState state, String ownerId, FactKind kind, byte[] json, Instant now, OfferOutput out) {
        switch (kind) {
            case ALERT -> onAlert(state, ownerId, Json.read(json, Alert.class), now, out);
            case HEALTH -> onHealth(state, ownerId, Json.read(json, HealthPrediction.class), now, out);
            case SERVICE_DONE -> onServiceDone(state, ownerId, Json.read(json, VehicleEvent.class), out);
        }
    }

    private static Instant latest(long millis, Instant other) {
        return millis > other.toEpochMilli() ? Instant.ofEpochMilli(millis) : other;
    }

    /** An owner withdrew marketing consent through an offer: it holds from the next decision on. */
    public void onOptOut(OwnerOfferState state, OfferEvent event) {
        if (event.channel() == null) {
            for (Channel channel : Channel.values()) {
                state.optedOutAt.merge(channel, event.at(), Math::max);
            }
        } else {
            state.optedOutAt.merge(event.channel(), event.at(), Math::max);
        }
    }

    /**
     * The CRM asked for the owner to be forgotten. Offers still waiting are recorded as suppressed
     * (the audit sees why they never went out), then everything about the owner is dropped.
     */
    public void onErased(OwnerOfferState state, String ownerId, Instant now, OfferOutput out) {
        state.profile = null;
        state.optedOutAt.clear();
        for (PendingOffer pending : sortedByDue(state.pending.values())) {
            Candidate candidate = pending.candidate();
            PolicyDecision decision = policy.decide(new OfferRequest(candidate, null, ContactHistory.empty(), now));
            out.decided(OfferRecords.serviceOffer(offerId(ownerId, candidate), ownerId, candidate, decision, null, now));
        }
        state.pending.clear();
        state.contacts.clear();
        state.sent.clear();
        state.healthDecidedAt.clear();
    }

    public void onAlert(OwnerOfferState state, String ownerId, Alert alert, Instant now, OfferOutput out) {
        for (Candidate candidate : catalogue.match(alert)) {
            decide(state, ownerId, candidate, now, false, out);
        }
        prune(state, now);
    }

    /**
     * Predictions arrive every few minutes of driving, and a condition such as "pads within 1,000 km"
     * holds for weeks: it is decided again at most once per {@code healthRecheck} per recommendation
     * (skips are counted, not recorded), so the audit holds one decision a day, not hundreds - and
     * a consent given in between still takes effect within a day.
     */
    public void onHealth(OwnerOfferState state, String ownerId, HealthPrediction prediction, Instant now, OfferOutput out) {
        for (Candidate candidate : catalogue.match(prediction)) {
            Long last = state.healthDecidedAt.get(candidate.recommendation());
            if (last != null && now.toEpochMilli() - last < healthRecheck.toMillis()) {
                out.healthRepeatSkipped(candidate.recommendation());
                continue;
            }
            state.healthDecidedAt.put(candidate.recommendation(), now.toEpochMilli());
            decide(state, ownerId, candidate, now, false, out);
        }
        prune(state, now);
    }

    /** Schedules the follow-ups a service calls for; each is decided when it falls due. */
    public void onServiceDone(OwnerOfferState state, String ownerId, VehicleEvent event, OfferOutput out) {
        for (FollowUp followUp : catalogue.followUps(event)) {
            String id = offerId(ownerId, followUp.candidate());
            if (state.sent.containsKey(id) || state.pending.containsKey(id)) {
                out.replaySkipped(id);
                continue;
            }
            state.pending.put(id, PendingOffer.of(followUp.candidate(), followUp.dueAt(), false));
            out.wakeAt(followUp.dueAt());
        }
    }

    /**
     * Decides every held offer and follow-up due by {@code now}, earliest first; facts that waited
     * the whole grace for a profile in vain are decided without one (and so recorded as suppressed).
     */
    public void onWake(OwnerOfferState state, String ownerId, Instant now, OfferOutput out) {
        if (state.profile == null && !state.awaitingProfile.isEmpty()) {
            long cutoff = now.minus(profileGrace).toEpochMilli();
            List<OwnerOfferState.AwaitingFact> expired = state.awaitingProfile.stream().filter(f -> f.time() <= cutoff).toList();
            state.awaitingProfile.removeAll(expired);
            for (OwnerOfferState.AwaitingFact fact : expired) {
                dispatch(state, ownerId, fact.kind(), fact.json(), now, out);
            }
        }
        List<PendingOffer> due = sortedByDue(state.pending.values().stream()
                .filter(p -> p.dueAt() <= now.toEpochMilli()).toList());
        for (PendingOffer pending : due) {
            Candidate candidate = pending.candidate();
            state.pending.remove(offerId(ownerId, candidate));
            decide(state, ownerId, candidate, now, true, out);
        }
        prune(state, now);
    }

    private void decide(OwnerOfferState state, String ownerId, Candidate candidate, Instant now, boolean release,
                        OfferOutput out) {
        String offerId = offerId(ownerId, candidate);
        if (!release && (state.sent.containsKey(offerId) || state.pending.containsKey(offerId))) {
            out.replaySkipped(offerId);
            return;
        }
        OwnerProfile profile = effectiveProfile(state);
        PolicyDecision decision = policy.decide(new OfferRequest(candidate, profile, state.history(), now));
        RenderedOffer rendered = null;
        if (decision.decision() == Decision.SENT) {
            rendered = renderer.render(offerId, decision, candidate, profile);
            if (rendered.blocked()) {
                decision = decision.blocked(ReasonCode.FORBIDDEN_WORDING);
            }
        }
        ServiceOffer record = OfferRecords.serviceOffer(offerId, ownerId, candidate, decision, rendered, now);
        out.decided(record);
        if (decision.decision() == Decision.SENT) {
            state.sent.put(offerId, now.toEpochMilli());
            state.replaceHistory(state.history().with(decision.contactAt(now).orElseThrow()));
            if (decision.channel() == Channel.HEAD_UNIT) {
                out.toHeadUnit(record, headUnit.notice(record, candidate.severity()));
            } else {
                out.toDeliver(record);
            }
        } else if (decision.decision() == Decision.HELD) {
            state.pending.put(offerId, PendingOffer.of(candidate, decision.sendAt(), true));
            out.wakeAt(decision.sendAt());
        }
    }

    /** The profile with the opt-outs the CRM does not know of yet applied to its consent. */
    static OwnerProfile effectiveProfile(OwnerOfferState state) {
        OwnerProfile p = state.profile;
        if (p == null || state.optedOutAt.isEmpty()) {
            return p;
        }
        Map<Channel, Boolean> consent = new EnumMap<>(Channel.class);
        if (p.marketingConsent() != null) {
            consent.putAll(p.marketingConsent());
        }
        state.optedOutAt.keySet().forEach(channel -> consent.put(channel, false));
        return new OwnerProfile(p.schemaVersion(), p.ownerId(), p.vins(), p.lifetimeValueCny(), p.visitsLast12Months(),
                p.lastVisitAt(), p.lastInteractionAt(), consent, p.timeZone(), p.locale(), p.preferredWorkshopId(),
                p.preferredWorkshopName(), p.serviceAdvisor(), p.updatedAt());
    }

    private void prune(OwnerOfferState state, Instant now) {
        ContactHistory history = state.history();
        ContactHistory pruned = history.prunedBefore(now.minus(historyHorizon));
        if (pruned != history) {
            state.replaceHistory(pruned);
        }
        long forgetBefore = now.minus(decidedRetention).toEpochMilli();
        state.sent.values().removeIf(at -> at < forgetBefore);
        long recheckBefore = now.minus(healthRecheck).toEpochMilli();
        state.healthDecidedAt.values().removeIf(at -> at <= recheckBefore);
    }

    private static List<PendingOffer> sortedByDue(java.util.Collection<PendingOffer> pending) {
        List<PendingOffer> sorted = new ArrayList<>(pending);
        sorted.sort(Comparator.comparingLong(PendingOffer::dueAt).thenComparing(Comparator.comparingInt(PendingOffer::priority).reversed())
                .thenComparing(PendingOffer::recommendation));
        return sorted;
    }
}
