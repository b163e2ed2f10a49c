package io.pitwall.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.Uint64;
import java.math.BigDecimal;

/**
 * Turns parsed numbers into the Java values the contract promises, or says why it cannot.
 *
 * <p>The decoders parse JSON fractions as {@link BigDecimal} so that a literal too large for a
 * double ({@code 1e400}, NUMBER_OUT_OF_RANGE) stays distinguishable from a NaN or Infinity token
 * (NON_FINITE_NUMBER). Integers follow JSON Schema's meaning of "integer": any number whose value
 * is whole, so {@code 18342.0} is the integer 18342, exactly as the published schemas accept it.
 */
public final class Numbers {

    private static final BigDecimal UINT64_MAX = new BigDecimal(Uint64.MAX_VALUE);

    private Numbers() {
    }

    /** A whole number from 0 to 2^64-1, held as an unsigned long; anything else numeric fails with {@code reason}. */
    public static long uint64(JsonNode value, FieldPath at, RejectReason reason, String rule) {
        if (value.isInt() || value.isLong()) {
            long v = value.longValue();
            if (v < 0) {
                throw new ContractViolation(reason, at + " is " + v + "; " + rule);
            }
            return v;
        }
        BigDecimal exact = exactFinite(value, at, rule);
        // Range before wholeness: the comparison is cheap for any exponent, making 1e999999999 whole is not.
        if (exact.signum() < 0 || exact.compareTo(UINT64_MAX) > 0 || !isWhole(exact)) {
            throw new ContractViolation(reason, at + " is " + Values.describe(value) + "; " + rule);
        }
        return exact.toBigInteger().longValue();
    }

    /** A whole number from {@code min} to {@code max}; anything else numeric fails with {@code reason}. */
    public static long longIn(JsonNode value, long min, long max, FieldPath at, RejectReason reason, String rule) {
        if (value.isInt() || value.isLong()) {
            long v = value.longValue();
            if (v < min || v > max) {
                throw new ContractViolation(reason, at + " is " + v + "; " + rule);
            }
            return v;
        }
        BigDecimal exact = exactFinite(value, at, rule);
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0 || !isWhole(exact)) {
            throw new ContractViolation(reason, at + " is " + Values.describe(value) + "; " + rule);
        }
        return exact.longValue();
    }

    /** A number that is finite as a double. */
    public static double finiteDouble(JsonNode value, FieldPath at, String rule) {
        if (!value.isNumber()) {
            throw Fields.wrongType(value, at, rule);
        }
        double d = value.doubleValue();
        if (Double.isFinite(d)) {
            return d;
        }
        if (value.isDouble() || value.isFloat()) {
            throw nonFinite(value, at, rule);
        }
        throw new ContractViolation(RejectReason.NUMBER_OUT_OF_RANGE, at + " is " + Values.describe(value)
                + ", which is beyond the range of a 64-bit floating-point number (about 1.8e308); " + rule);
    }

    private static BigDecimal exactFinite(JsonNode value, FieldPath at, String rule) {
        if (!value.isNumber()) {
            throw Fields.wrongType(value, at, rule);
        }
        if (value.isDouble() || value.isFloat()) {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                throw nonFinite(value, at, rule);
            }
            return new BigDecimal(d);
        }
        return value.decimalValue();
    }

    private static boolean isWhole(BigDecimal value) {
        return value.scale() <= 0 || value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static ContractViolation nonFinite(JsonNode value, FieldPath at, String rule) {
        return new ContractViolation(RejectReason.NON_FINITE_NUMBER, at + " is " + Values.describe(value) + "; " + rule);
    }
}
