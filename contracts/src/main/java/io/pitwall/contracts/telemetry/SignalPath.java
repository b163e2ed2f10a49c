package io.pitwall.contracts.telemetry;

/**
 * The shape of a signal name: a COVESA VSS path, dot-separated segments of letters, digits and
 * underscores ({@code Vehicle.Powertrain.CombustionEngine.ECT}). Any such path is accepted, known
 * to the analytics or not; the shape alone keeps names safe to store and query.
 */
public final class SignalPath {

    private SignalPath() {
    }

    public static boolean isValid(String path, int maxLength) {
        if (path.isEmpty() || path.length() > maxLength) {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return false;
                }
                segmentStart = true;
            } else if (isSegmentChar(c)) {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart;
    }

    private static boolean isSegmentChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
}
