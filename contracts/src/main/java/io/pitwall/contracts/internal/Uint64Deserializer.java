package io.pitwall.contracts.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.Uint64;
import java.io.IOException;
import java.math.BigInteger;

/** Reads a uint64 integer (0 to 2^64-1) into a {@code long} with unsigned meaning; anything else is INVALID_SEQ. */
public final class Uint64Deserializer extends StdDeserializer<Long> {

    private static final long serialVersionUID = 1L;

    public Uint64Deserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String field = p.currentName() == null ? "seq" : p.currentName();
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new ContractViolation(RejectReason.INVALID_SEQ,
                    field + " is " + Text.quote(p.getText()) + "; it must be an integer from 0 to " + Uint64.MAX_VALUE);
        }
        if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long value = p.getLongValue();
            if (value < 0) {
                throw new ContractViolation(RejectReason.INVALID_SEQ, field + " is " + value + "; it must not be negative");
            }
            return value;
        }
        BigInteger value = p.getBigIntegerValue();
        if (!Uint64.inRange(value)) {
            throw new ContractViolation(RejectReason.INVALID_SEQ,
                    field + " is " + value + "; it must be an integer from 0 to " + Uint64.MAX_VALUE);
        }
        return value.longValue();
    }
}
