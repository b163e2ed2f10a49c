package io.pitwall.gateway.raw;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The text the fast path writes for a signal value is what the decoder's route writes: the double
 * nearest the literal (BigDecimal, as the decoder parses fractions), printed by Double.toString.
 */
class SignalValueTest {

    @Test
    void writesEveryShortMantissaAtEveryScaleAsDoubleToStringDoes() {
        for (long mantissa = 1; mantissa < 10_000; mantissa++) {
            for (int scale = 0; scale <= 7; scale++) {
                BigDecimal value = BigDecimal.valueOf(mantissa, scale);
                if (value.compareTo(new BigDecimal("0.001")) >= 0 && value.compareTo(BigDecimal.valueOf(10_000_000)) < 0) {
                    assertWritten(value.toPlainString());
                    assertWritten("-" + value.toPlainString());
                }
            }
        }
    }

    @Test
    void writesFifteenDigitValuesAtTheMagnitudeBoundaries() {
        for (String literal : new String[] {"9999999.99999999", "9999999", "1000000.00000000", "999999.999999999",
            "0.00100000000000000", "0.001", "0.00999999999999999", "0.0100000000000000", "0.00123456789012345",
            "1.00000000000000", "0.999999999999999", "123456789012345", "1234567.89012345", "0.5", "7", "7.000"}) {
            if (literal.indexOf('.') > 7 || (literal.indexOf('.') < 0 && literal.length() > 7)) {
                assertNotTaken(literal);
            } else {
                assertWritten(literal);
                assertWritten("-" + literal);
            }
        }
    }

    @Test
    void writesRandomValuesOfUpToFifteenDigitsAsDoubleToStringDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 1_000_000; i++) {
            int digits = 1 + random.nextInt(15);
            long mantissa = 1 + (long) (random.nextDouble() * (Math.pow(10, digits) - 1));
            int length = Long.toString(mantissa).length();
            // Scales that keep the value within [0.001, 10^7): integer digits <= 7, leading fraction zeros <= 2.
            int scale = Math.max(0, length - 7) + random.nextInt(Math.min(length + 3, 18) - Math.max(0, length - 7));
            BigDecimal value = BigDecimal.valueOf(mantissa, scale);
            if (value.compareTo(new BigDecimal("0.001")) >= 0 && value.compareTo(BigDecimal.valueOf(10_000_000)) < 0) {
                assertWritten(value.toPlainString());
            }
        }
    }

    @Test
    void writesEveryZeroAsTheDecoderDoes() {
        for (String zero : new String[] {"0", "-0", "0.0", "-0.0", "0.000000", "-0.00"}) {
            assertWritten(zero);
        }
    }

    @Test
    void leavesOtherLiteralsToTheDecoder() {
        for (String literal : new String[] {"1e3", "1E3", "1.5e-3", "0.000999", "0.0001", "10000000", "12345678.5",
            "1.234567890123456", "0.1234567890123456", "01", "-", "1.", ".5", "+1", "-.5", "1" + "0".repeat(70)}) {
            assertNotTaken(literal);
        }
    }

    private static void assertWritten(String literal) {
        String expected = Double.toString(new BigDecimal(literal).doubleValue());
        assertThat(written(literal)).as(literal).isEqualTo(expected);
    }

    private static void assertNotTaken(String literal) {
        assertThatThrownBy(() -> written(literal)).as(literal).isSameAs(NotSimple.INSTANCE);
    }

    private static String written(String literal) {
        byte[] in = (literal + "}").getBytes(StandardCharsets.US_ASCII);
        JsonCursor json = new JsonCursor(in);
        int[] v = new int[SignalValue.INTS];
        SignalValue.read(json, v, 0);
        if (in[json.pos] != '}') {
            throw NotSimple.INSTANCE; // the literal did not end where it should (the caller would refuse what follows)
        }
        byte[] out = new byte[SignalValue.length(v, 0)];
        assertThat(SignalValue.write(in, v, 0, out, 0)).isEqualTo(out.length);
        return new String(out, StandardCharsets.US_ASCII);
    }
}
