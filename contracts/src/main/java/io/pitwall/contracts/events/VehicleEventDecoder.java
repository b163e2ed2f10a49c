package io.pitwall.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.Uint64;
import io.pitwall.contracts.internal.FieldPath;
import io.pitwall.contracts.internal.Fields;
import io.pitwall.contracts.internal.FreeFormJson;
import io.pitwall.contracts.internal.Numbers;
import io.pitwall.contracts.internal.PayloadParser;
import io.pitwall.contracts.internal.Text;
import io.pitwall.contracts.internal.TimeWindow;
import io.pitwall.contracts.internal.VinField;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes an event payload (JSON or CBOR) and checks it against the contract, with the same
 * format-level limits as telemetry. Anything wrong ends in a {@link ContractViolation}. Thread-safe.
 */
public final class VehicleEventDecoder {

    private static final String WHAT = "an event message";
    private static final List<String> FIELDS = List.of("vin", "seq", "ts", "type", "code", "detail");
    private static final FieldPath ROOT = FieldPath.ROOT;
    private static final String TYPES = String.join(", ", Arrays.stream(EventType.values()).map(Enum::name).toList());

    private final ContractLimits limits;
    private final Clock clock;
    private final PayloadParser parser;

    public VehicleEventDecoder(ContractLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parser = new PayloadParser(limits);
    }

    /**
     * @param topicVin the VIN of the topic the payload was published on; the message must name the same vehicle
     * @throws ContractViolation if the payload breaks the contract in any way
     */
    public VehicleEvent decode(String topicVin, byte[] payload, PayloadFormat format) {
        ObjectNode root = parser.parseObject(payload, format, WHAT);
        String vin = VinField.read(root, topicVin);
        Fields.allowOnly(root, FIELDS, ROOT, WHAT);
        long seq = Numbers.uint64(Fields.require(root, "seq", ROOT, "every event carries seq, the vehicle's counter"),
                ROOT.field("seq"), RejectReason.INVALID_SEQ, "seq must be a whole number from 0 to " + Uint64.MAX_VALUE);
        long ts = TimeWindow.at(limits, clock)
                .read(Fields.require(root, "ts", ROOT, "every event carries ts, its time in epoch milliseconds"), ROOT.field("ts"));
        EventType type = type(Fields.require(root, "type", ROOT, "every event says what happened in type, one of " + TYPES));
        return new VehicleEvent(vin, seq, ts, type, code(root, type), detail(root, type));
    }

    private static EventType type(JsonNode node) {
        String name = Fields.text(node, ROOT.field("type"), "type must be one of " + TYPES);
        for (EventType type : EventType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new ContractViolation(RejectReason.UNKNOWN_EVENT_TYPE, "type is " + Text.quote(name) + "; type must be one of " + TYPES);
    }

    private static String code(ObjectNode root, EventType type) {
        if (!type.carriesDtc()) {
            if (root.has("code")) {
                throw new ContractViolation(RejectReason.UNEXPECTED_FIELD,
                        "code is not allowed on " + type + " events; only DTC_SET and DTC_CLEARED carry a code");
            }
            return null;
        }
        String code = Fields.text(Fields.require(root, "code", ROOT, type + " events name their trouble code, e.g. P0217"),
                ROOT.field("code"), "code must be a string such as \"P0217\"");
        if (!DtcCode.isValid(code)) {
            throw new ContractViolation(RejectReason.INVALID_DTC_CODE, "code is " + Text.quote(code)
                    + "; a trouble code is P, C, B or U followed by four upper-case hexadecimal digits, e.g. P0217");
        }
        return code;
    }

    private static JsonNode detail(ObjectNode root, EventType type) {
        if (type == EventType.SERVICE_DONE) {
            return ServiceDoneDetail.read(root);
        }
        JsonNode detail = root.get("detail");
        if (detail == null) {
            return null;
        }
        return FreeFormJson.copy(Fields.object(detail, ROOT.field("detail"), "detail must be an object"), ROOT.field("detail"));
    }
}
