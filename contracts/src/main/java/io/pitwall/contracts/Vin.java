package io.pitwall.contracts;

import io.pitwall.contracts.internal.Text;
import java.util.Optional;

/** Vehicle identification numbers as the contract accepts them: 17 characters of ISO 3779's alphabet. */
public final class Vin {

    public static final int LENGTH = 17;

    private Vin() {
    }

    public static boolean isValid(String vin) {
        return problem(vin).isEmpty();
    }

    /** Returns the VIN unchanged, or throws {@link RejectReason#INVALID_VIN} saying what is wrong with it. */
    public static String requireValid(String vin) {
        problem(vin).ifPresent(why -> {
            throw new ContractViolation(RejectReason.INVALID_VIN, describe(vin) + " is not a valid VIN: " + why);
        });
        return vin;
    }

    /** What is wrong with a candidate VIN, phrased to follow "... is not a valid VIN: ", or empty if nothing. */
    public static Optional<String> problem(String vin) {
        if (vin == null) {
            return Optional.of("it is missing");
        }
        if (vin.length() != LENGTH) {
            return Optional.of("it has " + vin.length() + " characters, a VIN has exactly " + LENGTH);
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = vin.charAt(i);
            if (!isVinChar(c)) {
                return Optional.of("character " + (i + 1) + " is " + quoteChar(c) + "; " + alphabetRule(c));
            }
        }
        return Optional.empty();
    }

    private static boolean isVinChar(char c) {
        boolean digit = c >= '0' && c <= '9';
        boolean letter = c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q';
        return digit || letter;
    }

    private static String alphabetRule(char c) {
        if (c == 'I' || c == 'O' || c == 'Q') {
            return "ISO 3779 leaves out I, O and Q because they are mistaken for 1 and 0";
        }
        if (c >= 'a' && c <= 'z') {
            return "VINs are upper case";
        }
        return "a VIN uses only digits and the letters A-Z without I, O and Q";
    }

    private static String quoteChar(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String describe(String vin) {
        return vin == null ? "null" : Text.quote(vin);
    }
}
