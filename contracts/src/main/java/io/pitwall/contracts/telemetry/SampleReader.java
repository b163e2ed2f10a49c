package io.pitwall.contracts.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.internal.FieldPath;
import io.pitwall.contracts.internal.Fields;
import io.pitwall.contracts.internal.Numbers;
import io.pitwall.contracts.internal.Text;
import io.pitwall.contracts.internal.TimeWindow;
import io.pitwall.contracts.Uint64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code seq}, {@code ts} and {@code signals} of one sample, wherever in the message they sit. */
final class SampleReader {

    static final List<String> SAMPLE_FIELDS = List.of("seq", "ts", "signals");
    static final String SEQ_RULE = "seq must be a whole number from 0 to " + Uint64.MAX_VALUE;
    private static final String SIGNAL_RULE = "signal values must be finite numbers";

    private final ContractLimits limits;

    SampleReader(ContractLimits limits) {
        this.limits = limits;
    }

    /** A {@code samples} array entry: an object with exactly the sample fields. */
    Sample readEntry(JsonNode entry, FieldPath at, TimeWindow window) {
        ObjectNode sample = Fields.object(entry, at, "each entry of samples must be an object with seq, ts and signals");
        Fields.allowOnly(sample, SAMPLE_FIELDS, at, "a sample");
        return read(sample, at, window);
    }

    /** The sample fields of {@code node}; the caller has checked which other fields it may have. */
    Sample read(ObjectNode node, FieldPath at, TimeWindow window) {
        JsonNode seqNode = Fields.require(node, "seq", at, "every sample carries seq, the vehicle's sample counter");
        long seq = Numbers.uint64(seqNode, at.field("seq"), RejectReason.INVALID_SEQ, SEQ_RULE);
        long ts = window.read(Fields.require(node, "ts", at, "every sample carries ts, its time in epoch milliseconds"), at.field("ts"));
        JsonNode signalsNode = Fields.require(node, "signals", at, "every sample carries signals, a map of VSS path to number");
        return new Sample(seq, ts, signals(signalsNode, at.field("signals")));
    }

    private Map<String, Double> signals(JsonNode node, FieldPath at) {
        ObjectNode signals = Fields.object(node, at, "signals must be an object mapping VSS paths to numbers");
        // An empty sample carries no data but still claims a seq. It is nearly always a device bug (a
        // buffer flushed before it was filled), so it is refused while the device can still be told,
        // rather than stored as a hole in the history that nobody can explain later.
        if (signals.isEmpty()) {
            throw new ContractViolation(RejectReason.EMPTY_SIGNALS, at + " is empty; a sample must carry at least one signal");
        }
        if (signals.size() > limits.maxSignalsPerSample()) {
            throw new ContractViolation(RejectReason.TOO_MANY_SIGNALS, at + " has " + signals.size()
                    + " signals; the limit is " + limits.maxSignalsPerSample() + " per sample");
        }
        Map<String, Double> values = new LinkedHashMap<>(signals.size() * 4 / 3 + 1);
        for (Map.Entry<String, JsonNode> signal : signals.properties()) {
            String path = signal.getKey();
            if (!SignalPath.isValid(path, limits.maxSignalPathLength())) {
                throw new ContractViolation(RejectReason.INVALID_SIGNAL_PATH, at + " has the key " + Text.quote(path)
                        + ", which is not a VSS path; a path is up to " + limits.maxSignalPathLength()
                        + " characters of dot-separated segments of letters, digits and _");
            }
            values.put(path, Numbers.finiteDouble(signal.getValue(), at.key(path), SIGNAL_RULE));
        }
        return values;
    }
}
