package io.pitwall.jobs.input;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a vehicle told us, as the job processes it: a telemetry sample or an event. Samples
 * and events share the vehicle's {@code seq} counter, so both dedupe and order together. A Flink
 * POJO (public fields, no-arg constructor) so Flink serializes it without reflection tricks.
 */
public class VehicleInput implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** What this input is. */
    public enum Kind { SAMPLE, EVENT }

    public String vin;
    public long seq;
    public long ts;
    public long receivedAt;
    public String gatewayId;
    public Kind kind;
    /** Samples only: VSS path to value. */
    public Map<String, Double> signals;
    /** Events only: DTC_SET, DTC_CLEARED, IGNITION_ON, IGNITION_OFF or SERVICE_DONE. */
    public String eventType;
    /** DTC events: the trouble code. */
    public String code;
    /** SERVICE_DONE: what was serviced, e.g. BRAKE_PADS_FRONT. */
    public List<String> serviceItems;
    /** Events: the event's {@code detail} object as the vehicle sent it (JSON), or null; kept for storage. */
    public String detailJson;

    public VehicleInput() {
    }

    public static VehicleInput sample(String vin, long seq, long ts, long receivedAt, String gatewayId,
                                      Map<String, Double> signals) {
        VehicleInput in = new VehicleInput();
        in.vin = vin;
        in.seq = seq;
        in.ts = ts;
        in.receivedAt = receivedAt;
        in.gatewayId = gatewayId;
        in.kind = Kind.SAMPLE;
        in.signals = signals;
        return in;
    }

    public static VehicleInput event(String vin, long seq, long ts, long receivedAt, String eventType, String code,
                                     List<String> serviceItems) {
        VehicleInput in = new VehicleInput();
        in.vin = vin;
        in.seq = seq;
        in.ts = ts;
        in.receivedAt = receivedAt;
        in.kind = Kind.EVENT;
        in.eventType = eventType;
        in.code = code;
        in.serviceItems = serviceItems;
        return in;
    }

    public boolean isSample() {
        return kind == Kind.SAMPLE;
    }

    public boolean isEvent(String type) {
        return kind == Kind.EVENT && type.equals(eventType);
    }

    /** The signal's value, or null when this sample does not carry it. */
    public Double signal(String path) {
        return signals == null ? null : signals.get(path);
    }

    public String getVin() {
        return vin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VehicleInput other && seq == other.seq && ts == other.ts && receivedAt == other.receivedAt
                && Objects.equals(vin, other.vin) && kind == other.kind && Objects.equals(signals, other.signals)
                && Objects.equals(eventType, other.eventType) && Objects.equals(code, other.code)
                && Objects.equals(serviceItems, other.serviceItems) && Objects.equals(gatewayId, other.gatewayId)
                && Objects.equals(detailJson, other.detailJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vin, seq, ts, kind);
    }

    @Override
    public String toString() {
        return kind == Kind.SAMPLE ? "Sample[" + vin + " #" + Long.toUnsignedString(seq) + " @" + ts + " " + signals + "]"
                : "Event[" + vin + " #" + Long.toUnsignedString(seq) + " @" + ts + " " + eventType
                + (code == null ? "" : " " + code) + (serviceItems == null ? "" : " " + serviceItems) + "]";
    }
}
