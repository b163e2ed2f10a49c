package io.pitwall.contracts.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.internal.FieldPath;
import io.pitwall.contracts.internal.Fields;
import io.pitwall.contracts.internal.PayloadParser;
import io.pitwall.contracts.internal.TimeWindow;
import io.pitwall.contracts.internal.VinField;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a telemetry payload (JSON or CBOR, single or batch) and checks it against the contract
 * in full, so that only well-formed samples of the publishing vehicle reach Kafka. Anything wrong
 * ends in a {@link ContractViolation}; nothing else is thrown for bad input. Thread-safe.
 */
public final class TelemetryDecoder {

    private static final String WHAT = "a telemetry message";
    private static final List<String> SINGLE_FIELDS = List.of("vin", "seq", "ts", "signals");
    private static final List<String> BATCH_FIELDS = List.of("vin", "samples");
    private static final FieldPath SAMPLES = FieldPath.ROOT.field("samples");

    private final ContractLimits limits;
    private final Clock clock;
    private final PayloadParser parser;
    private final SampleReader samples;

    public TelemetryDecoder(ContractLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parser = new PayloadParser(limits);
        this.samples = new SampleReader(limits);
    }

    /**
     * @param topicVin the VIN of the topic the payload was published on; the message must name the same vehicle
     * @throws ContractViolation if the payload breaks the contract in any way
     */
    public TelemetryMessage decode(String topicVin, byte[] payload, PayloadFormat format) {
        ObjectNode root = parser.parseObject(payload, format, WHAT);
        String vin = VinField.read(root, topicVin);
        TimeWindow window = TimeWindow.at(limits, clock);
        if (root.has("samples")) {
            return TelemetryMessage.batch(vin, batch(root, window));
        }
        Fields.allowOnly(root, SINGLE_FIELDS, FieldPath.ROOT, "a single-sample telemetry message (a batch has vin and samples)");
        return TelemetryMessage.single(vin, samples.read(root, FieldPath.ROOT, window));
    }

    private List<Sample> batch(ObjectNode root, TimeWindow window) {
        for (String field : SampleReader.SAMPLE_FIELDS) {
            if (root.has(field)) {
                throw new ContractViolation(RejectReason.UNEXPECTED_FIELD, FieldPath.ROOT.field(field)
                        + " is not allowed next to samples; in a batch each sample carries its own seq, ts and signals");
            }
        }
        Fields.allowOnly(root, BATCH_FIELDS, FieldPath.ROOT, "a batch telemetry message");
        ArrayNode entries = Fields.array(root.get("samples"), SAMPLES, "samples must be an array of samples");
        if (entries.isEmpty()) {
            throw new ContractViolation(RejectReason.EMPTY_BATCH, "samples is empty; a batch carries at least one sample");
        }
        if (entries.size() > limits.maxSamplesPerBatch()) {
            throw new ContractViolation(RejectReason.BATCH_TOO_LARGE, "samples has " + entries.size()
                    + " entries; the limit is " + limits.maxSamplesPerBatch() + " per message, split the backlog");
        }
        List<Sample> result = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            result.add(samples.readEntry(entries.get(i), SAMPLES.index(i), window));
        }
        return result;
    }
}
