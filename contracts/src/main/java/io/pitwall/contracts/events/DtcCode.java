package io.pitwall.contracts.events;

/**
 * A diagnostic trouble code as OBD reports it (SAE J2012): a system letter (P powertrain, C
 * chassis, B body, U network) and four hexadecimal digits, e.g. {@code P0217}.
 */
public final class DtcCode {

    public static final int LENGTH = 5;

    private DtcCode() {
    }

    public static boolean isValid(String code) {
        if (code == null || code.length() != LENGTH || "PCBU".indexOf(code.charAt(0)) < 0) {
            return false;
        }
        for (int i = 1; i < LENGTH; i++) {
            char c = code.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
