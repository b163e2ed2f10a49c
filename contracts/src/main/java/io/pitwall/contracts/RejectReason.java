package io.pitwall.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a message was refused. The {@link #code()} is what dead-letter records and metrics carry, so
 * it is spelled out per constant rather than derived from the name: renaming a constant must not
 * change what dashboards and consumers already match on.
 */
public enum RejectReason {
    /** Not parseable as JSON or CBOR at all, truncated, not UTF-8, or trailing data after the message. */
    MALFORMED_PAYLOAD("malformed-payload"),
    PAYLOAD_TOO_LARGE("payload-too-large"),
    TOO_DEEP("too-deep"),
    STRING_TOO_LONG("string-too-long"),
    DUPLICATE_KEY("duplicate-key"),
    WRONG_TYPE("wrong-type"),
    MISSING_FIELD("missing-field"),
    /** A field the contract does not define, or a defined field where it does not belong. */
    UNEXPECTED_FIELD("unexpected-field"),
    INVALID_VIN("invalid-vin"),
    VIN_MISMATCH("vin-mismatch"),
    INVALID_SEQ("invalid-seq"),
    INVALID_TIMESTAMP("invalid-timestamp"),
    NON_FINITE_NUMBER("non-finite-number"),
    NUMBER_OUT_OF_RANGE("number-out-of-range"),
    EMPTY_BATCH("empty-batch"),
    BATCH_TOO_LARGE("batch-too-large"),
    EMPTY_SIGNALS("empty-signals"),
    TOO_MANY_SIGNALS("too-many-signals"),
    INVALID_SIGNAL_PATH("invalid-signal-path"),
    UNKNOWN_EVENT_TYPE("unknown-event-type"),
    INVALID_DTC_CODE("invalid-dtc-code"),
    INVALID_EVENT_DETAIL("invalid-event-detail"),
    INVALID_TOPIC("invalid-topic"),
    UNSUPPORTED_CONTENT_TYPE("unsupported-content-type"),
    /** A client published or subscribed outside its own {@code v1/vehicles/{vin}/} tree. */
    NOT_AUTHORIZED("not-authorized");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable lower-kebab identifier, e.g. {@code vin-mismatch}. */
    public String code() {
        return code;
    }

    public static Optional<RejectReason> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
