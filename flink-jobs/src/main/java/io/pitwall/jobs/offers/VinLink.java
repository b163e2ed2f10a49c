package io.pitwall.jobs.offers;

/** That an owner's profile now names a vehicle ({@code linked}) or no longer does. */
public class VinLink {

    public String vin;
    public String ownerId;
    public boolean linked;

    public VinLink() {
    }

    public VinLink(String vin, String ownerId, boolean linked) {
        this.vin = vin;
        this.ownerId = ownerId;
        this.linked = linked;
    }

    public String getVin() {
        return vin;
    }
}
