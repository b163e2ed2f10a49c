package io.pitwall.contracts.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.internal.FieldPath;
import io.pitwall.contracts.internal.Fields;
import io.pitwall.contracts.internal.PayloadParser;
import java.util.List;

/** Decodes a status payload strictly: an object with the single boolean field {@code online}. Thread-safe. */
public final class StatusDecoder {

    private static final String WHAT = "a status message";

    private final PayloadParser parser;

    public StatusDecoder(ContractLimits limits) {
        this.parser = new PayloadParser(limits);
    }

    /** @throws ContractViolation if the payload is not {@code {"online":true}} or {@code {"online":false}} */
    public VehicleStatus decode(byte[] payload, PayloadFormat format) {
        ObjectNode root = parser.parseObject(payload, format, WHAT);
        Fields.allowOnly(root, List.of("online"), FieldPath.ROOT, WHAT);
        boolean online = Fields.bool(Fields.require(root, "online", FieldPath.ROOT, "a status message says whether the vehicle is online"),
                FieldPath.ROOT.field("online"), "online must be true or false");
        return online ? VehicleStatus.ONLINE : VehicleStatus.OFFLINE;
    }
}
