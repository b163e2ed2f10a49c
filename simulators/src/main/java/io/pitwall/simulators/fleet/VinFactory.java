package io.pitwall.simulators.fleet;

import java.util.SplittableRandom;

/**
 * Makes valid, deterministic VINs: the same seed and index always give the same VIN. Position 9
 * carries the ISO 3779 / GB 16735 check digit, so the VINs pass the checks real back ends run.
 */
public final class VinFactory {

    private static final String ALLOWED = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static final String TRANSLITERATION = "0123456789.ABCDEFGH..JKLMN.P.R..STUVWXYZ";
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    private VinFactory() {
    }

    /** The {@code index}-th VIN of a fleet made from {@code seed}; WMI "LSV" (a Chinese maker code). */
    public static String vin(long seed, int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        char[] vin = new char[17];
        "LSV".getChars(0, 3, vin, 0);
        for (int i = 3; i < 11; i++) {
            vin[i] = ALLOWED.charAt(random.nextInt(ALLOWED.length()));
        }
        String serial = String.format("%06d", index % 1_000_000);
        serial.getChars(0, 6, vin, 11);
        vin[8] = checkDigit(vin);
        return new String(vin);
    }

    static char checkDigit(char[] vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            if (i != 8) {
                sum += value(vin[i]) * WEIGHTS[i];
            }
        }
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }

    private static int value(char c) {
        if (Character.isDigit(c)) {
            return c - '0';
        }
        int position = TRANSLITERATION.indexOf(c);
        return position % 10;
    }
}
