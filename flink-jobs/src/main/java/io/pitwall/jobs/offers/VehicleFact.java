package io.pitwall.jobs.offers;

/**
 * Something about a vehicle that may lead to an offer, on its way to the vehicle's owners. A Flink
 * POJO carrying the record as JSON: the contract records hold immutable collections that Flink's
 * generic serializer cannot rebuild, and the decider parses each fact once anyway.
 */
public class VehicleFact {

    public String vin;
    public FactKind kind;
    /** the fact's event time, epoch milliseconds */
    public long time;
    public byte[] json;

    public VehicleFact() {
    }

    public VehicleFact(String vin, FactKind kind, long time, byte[] json) {
        this.vin = vin;
        this.kind = kind;
        this.time = time;
        this.json = json;
    }

    public String getVin() {
        return vin;
    }
}
