package io.pitwall.contracts.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.Vin;

/** The {@code vin} every vehicle message carries: present, a valid VIN, and the VIN of the topic it came on. */
public final class VinField {

    private static final FieldPath AT = FieldPath.ROOT.field("vin");

    private VinField() {
    }

    public static String read(ObjectNode message, String topicVin) {
        String vin = Fields.text(Fields.require(message, "vin", FieldPath.ROOT, "every message names its vehicle"),
                AT, "vin must be a string of 17 characters");
        Vin.problem(vin).ifPresent(why -> {
            throw new ContractViolation(RejectReason.INVALID_VIN, AT + " is " + Text.quote(vin) + ", which is not a valid VIN: " + why);
        });
        if (!vin.equals(topicVin)) {
            throw new ContractViolation(RejectReason.VIN_MISMATCH, AT + " is " + Text.quote(vin)
                    + " but the topic belongs to " + topicVin + "; a message must carry the VIN of the topic it is published on");
        }
        return vin;
    }
}
