package io.pitwall.gateway.raw;

/**
 * A signal value as the raw record writes it, without converting it to a double and back.
 *
 * <p>The contract decoder turns a value into the double nearest to it, and the raw record holds
 * that double as {@link Double#toString} prints it: {@code 55} becomes {@code 55.0}, {@code 1.50}
 * becomes {@code 1.5}. For the plain literals taken here - no exponent, at most 15 significant
 * digits, magnitude from 0.001 to below 10^7, or zero - that text follows from the literal
 * alone: 15 significant digits always survive a round trip through a double (DBL_DIG), so the
 * literal without trailing zeros is the shortest decimal of its double, which is what
 * {@code Double.toString} prints, in plain notation within that magnitude. Every zero
 * ({@code 0}, {@code -0}, {@code 0.00}, {@code -0.0}) is written {@code 0.0}, as the decoder's
 * BigDecimal-based reading makes it. Anything else (exponents, longer or smaller or larger
 * values) goes to the contract decoder. {@code SignalValueTest} checks the printed text against
 * the decoder's on millions of values, including every boundary.
 *
 * <p>Positions are kept as three ints: where the literal starts (its sign included; -1 for
 * zero), where its integer digits end, and where its fraction ends without trailing zeros (equal
 * to the integer end + 1 when no fraction digit is left).
 */
final class SignalValue {

    static final int INTS = 3;
    /** The literal's length bound, far below the parser's 100 characters for a number. */
    private static final int MAX_LITERAL = 64;
    private static final int MAX_DIGITS = 15;
    /** Integer digits below 10^7, where Double.toString stops writing plain decimals. */
    private static final int MAX_INTEGER_DIGITS = 7;
    /** Zeros after the point before the first digit, for values of at least 0.001. */
    private static final int MAX_LEADING_FRACTION_ZEROS = 2;

    private SignalValue() {
    }

    /**
     * Reads the literal at the cursor into {@code out[at..at+2]}, or throws {@link NotSimple}.
     * Returns whether the raw record writes it exactly as it is ({@code 55.5}, {@code 0.0}; not
     * {@code 55}, {@code 1.50} or {@code -0.0}), which is what JSON writers built on
     * {@code Double.toString} (Jackson's among them) send.
     */
    static boolean read(JsonCursor json, int[] out, int at) {
        byte[] in = json.in;
        int start = json.pos;
        int p = start;
        if (p < in.length && in[p] == '-') {
            p++;
        }
        int intStart = p;
        if (!json.isDigitAt(p)) {
            throw NotSimple.INSTANCE;
        }
        if (in[p] == '0') {
            p++;
            if (json.isDigitAt(p)) {
                throw NotSimple.INSTANCE; // a leading zero: not JSON
            }
        } else {
            while (json.isDigitAt(p)) {
                p++;
            }
        }
        int intEnd = p;
        int fracEnd = intEnd + 1;
        if (p < in.length && in[p] == '.') {
            p++;
            int fracStart = p;
            while (json.isDigitAt(p)) {
                p++;
            }
            if (p == fracStart) {
                throw NotSimple.INSTANCE; // "1." is not JSON
            }
            fracEnd = p;
            while (fracEnd > fracStart && in[fracEnd - 1] == '0') {
                fracEnd--;
            }
        }
        if (p < in.length && (in[p] == 'e' || in[p] == 'E') || p - start > MAX_LITERAL) {
            throw NotSimple.INSTANCE;
        }
        json.pos = p;
        int fracDigits = fracEnd - intEnd - 1;
        boolean integerZero = in[intStart] == '0';
        if (integerZero && fracDigits == 0) {
            out[at] = -1;
            return p - start == 3 && in[start] == '0'; // "0.0"
        }
        if (integerZero) {
            int leadingZeros = 0;
            while (in[intEnd + 1 + leadingZeros] == '0') {
                leadingZeros++;
            }
            if (leadingZeros > MAX_LEADING_FRACTION_ZEROS || fracDigits - leadingZeros > MAX_DIGITS) {
                throw NotSimple.INSTANCE;
            }
        } else {
            int intDigits = intEnd - intStart;
            if (intDigits > MAX_INTEGER_DIGITS || intDigits + fracDigits > MAX_DIGITS) {
                throw NotSimple.INSTANCE;
            }
        }
        out[at] = start;
        out[at + 1] = intEnd;
        out[at + 2] = fracEnd;
        return fracEnd == p && fracDigits > 0;
    }

    /** Length of the value as the raw record writes it. */
    static int length(int[] v, int at) {
        if (v[at] < 0) {
            return 3;
        }
        int fracDigits = v[at + 2] - v[at + 1] - 1;
        return v[at + 1] - v[at] + 1 + Math.max(1, fracDigits);
    }

    /** Writes the value as the raw record does; returns the position after it. */
    static int write(byte[] in, int[] v, int at, byte[] out, int pos) {
        if (v[at] < 0) {
            out[pos] = '0';
            out[pos + 1] = '.';
            out[pos + 2] = '0';
            return pos + 3;
        }
        int start = v[at];
        int intEnd = v[at + 1];
        int fracEnd = v[at + 2];
        System.arraycopy(in, start, out, pos, intEnd - start);
        pos += intEnd - start;
        out[pos++] = '.';
        if (fracEnd > intEnd + 1) {
            System.arraycopy(in, intEnd + 1, out, pos, fracEnd - intEnd - 1);
            return pos + fracEnd - intEnd - 1;
        }
        out[pos] = '0';
        return pos + 1;
    }
}
