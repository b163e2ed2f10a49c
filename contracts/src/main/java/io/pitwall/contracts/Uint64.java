package io.pitwall.contracts;

import io.pitwall.contracts.internal.Text;
import java.math.BigInteger;

/**
 * The contract's uint64 (sample and event {@code seq}) held in a Java {@code long}: the same 64 bits,
 * read as unsigned, so values from 2^63 up are negative longs. Compare with {@link #compare} and
 * print with {@link #toString(long)}, never with {@code <} or {@link Long#toString(long)}.
 */
public final class Uint64 {

    public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Uint64() {
    }

    /** The unsigned decimal text, e.g. {@code 18446744073709551615} for {@code -1L}. */
    public static String toString(long value) {
        return Long.toUnsignedString(value);
    }

    /** @throws ContractViolation {@link RejectReason#INVALID_SEQ} unless the text is a decimal from 0 to 2^64-1 */
    public static long parse(String text) {
        try {
            if (text.startsWith("+")) {
                throw new NumberFormatException("sign");
            }
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new ContractViolation(RejectReason.INVALID_SEQ,
                    Text.quote(text) + " is not an unsigned 64-bit integer (0 to " + MAX_VALUE + ")", e);
        }
    }

    /** The exact value, for arithmetic that must not wrap. */
    public static BigInteger toBigInteger(long value) {
        return value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(64));
    }

    public static boolean inRange(BigInteger value) {
        return value.signum() >= 0 && value.compareTo(MAX_VALUE) <= 0;
    }

    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }
}
