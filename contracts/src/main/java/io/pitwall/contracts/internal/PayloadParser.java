package io.pitwall.contracts.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.RejectReason;
import java.io.IOException;

/**
 * The first, format-level gate for vehicle payloads: size, well-formedness, nesting, string and
 * number lengths and duplicate keys, all enforced by the parser as it reads so that a hostile
 * payload is stopped after reading at most the size cap. What passes is a tree whose root is an
 * object, for the message decoders to check field by field.
 */
public final class PayloadParser {

    /* Longer than any double or uint64 literal needs; bounds the cost of parsing big numbers. */
    static final int MAX_NUMBER_LENGTH = 100;

    private final ContractLimits limits;
    private final ObjectMapper json;
    private final ObjectMapper cbor;

    public PayloadParser(ContractLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxStringLength())
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxDocumentLength(limits.maxPayloadBytes())
                .build();
        // NaN and Infinity are tokenised rather than refused as bad syntax, so that the message can
        // say which signal carried one; the decoders then refuse them as non-finite numbers.
        this.json = strict(JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build());
        this.cbor = strict(CBORFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
    }

    /**
     * @param what the message kind for error text, e.g. "a telemetry message"
     * @throws ContractViolation for anything that is not a well-formed object within the limits
     */
    public ObjectNode parseObject(byte[] payload, PayloadFormat format, String what) {
        if (payload == null || payload.length == 0) {
            throw new ContractViolation(RejectReason.MALFORMED_PAYLOAD, "payload is empty; " + what + " is expected");
        }
        if (payload.length > limits.maxPayloadBytes()) {
            throw new ContractViolation(RejectReason.PAYLOAD_TOO_LARGE, "payload is " + payload.length
                    + " bytes; the limit is " + limits.maxPayloadBytes() + " bytes, split large batches");
        }
        if (format == PayloadFormat.JSON) {
            requireUtf8(payload);
        }
        JsonNode root = read(payload, format);
        if (root == null || root.isMissingNode()) {
            throw new ContractViolation(RejectReason.MALFORMED_PAYLOAD, "payload holds no " + format + " value; " + what + " is expected");
        }
        if (!root.isObject()) {
            throw new ContractViolation(RejectReason.WRONG_TYPE, "the payload is " + Values.describe(root)
                    + "; " + what + " is " + (format == PayloadFormat.JSON ? "a JSON object" : "a CBOR map"));
        }
        return (ObjectNode) root;
    }

    private JsonNode read(byte[] payload, PayloadFormat format) {
        try {
            return (format == PayloadFormat.JSON ? json : cbor).readTree(payload);
        } catch (JacksonException e) {
            throw ParseFailures.describe(e, format, limits);
        } catch (IOException | RuntimeException e) {
            // The contract is that bad input only ever ends in a ContractViolation; a parser bug must not escape either.
            throw new ContractViolation(RejectReason.MALFORMED_PAYLOAD, "payload could not be read as " + format + ": " + e, e);
        }
    }

    /*
     * Jackson would silently accept UTF-16 and UTF-32 (it sniffs the encoding); the contract says
     * UTF-8, and a JSON text in UTF-16 or with a UTF-16 byte order mark has a zero or 0xFE/0xFF
     * byte among its first two, which UTF-8 JSON never has.
     */
    private static void requireUtf8(byte[] payload) {
        int limit = Math.min(payload.length, 2);
        for (int i = 0; i < limit; i++) {
            int b = payload[i] & 0xff;
            if (b == 0 || b == 0xfe || b == 0xff) {
                throw new ContractViolation(RejectReason.MALFORMED_PAYLOAD,
                        "payload is not UTF-8 (it starts like UTF-16 or UTF-32); JSON payloads must be UTF-8");
            }
        }
    }

    private static ObjectMapper strict(JsonFactory factory) {
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
