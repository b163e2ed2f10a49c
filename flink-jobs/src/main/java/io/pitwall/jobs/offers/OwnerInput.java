package io.pitwall.jobs.offers;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.contracts.owners.OwnerProfile;

/**
 * Everything the offer decider hears about one owner, in one type so that a single keyed
 * operator sees it all in order: a new profile, an erasure, an opt-out, or a fact about one of
 * the owner's vehicles. The record travels as JSON (see {@link VehicleFact}).
 */
public class OwnerInput {

    public enum Type { PROFILE, ERASED, OPT_OUT, FACT }

    public Type type;
    public String ownerId;
    /** for FACT */
    public FactKind factKind;
    public String vin;
    /** event time, epoch milliseconds */
    public long time;
    /** the profile, the opt-out event or the fact; null for ERASED */
    public byte[] json;

    public OwnerInput() {
    }

    private OwnerInput(Type type, String ownerId, FactKind factKind, String vin, long time, byte[] json) {
        this.type = type;
        this.ownerId = ownerId;
        this.factKind = factKind;
        this.vin = vin;
        this.time = time;
        this.json = json;
    }

    public static OwnerInput profile(OwnerProfile profile, byte[] json) {
        return new OwnerInput(Type.PROFILE, profile.ownerId(), null, null, profile.updatedAt(), json);
    }

    public static OwnerInput erased(String ownerId, long at) {
        return new OwnerInput(Type.ERASED, ownerId, null, null, at, null);
    }

    public static OwnerInput optOut(OfferEvent event, byte[] json) {
        return new OwnerInput(Type.OPT_OUT, event.ownerId(), null, null, event.at(), json);
    }

    public static OwnerInput fact(String ownerId, VehicleFact fact) {
        return new OwnerInput(Type.FACT, ownerId, fact.kind, fact.vin, fact.time, fact.json);
    }

    public String getOwnerId() {
        return ownerId;
    }

    public OwnerProfile profile() {
        return Json.read(json, OwnerProfile.class);
    }
}
