package io.pitwall.contracts.internal;

/**
 * Renders untrusted strings into error messages: quoted, escaped and shortened, so that a hostile
 * key or value can neither break the line structure of a log nor blow up a dead-letter record.
 */
public final class Text {

    private static final int MAX_SHOWN = 64;

    private Text() {
    }

    /** The string as a JSON-style literal, cut after {@value #MAX_SHOWN} characters with a note of the full length. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 24).append('"');
        int shown = Math.min(s.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            appendEscaped(out, s.charAt(i));
        }
        out.append('"');
        if (s.length() > MAX_SHOWN) {
            out.append("... (").append(s.length()).append(" characters)");
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }
}
