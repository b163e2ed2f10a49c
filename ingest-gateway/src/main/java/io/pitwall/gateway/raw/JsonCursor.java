package io.pitwall.gateway.raw;

/**
 * Reads the structure of a strict, plain subset of JSON straight from the payload bytes: the four
 * JSON whitespace characters, and strings of printable ASCII without escapes. Everything outside
 * the subset throws {@link NotSimple} - including valid JSON such as escapes or a byte order mark,
 * which the contract decoder then reads. So the subset never accepts what Jackson would refuse.
 */
final class JsonCursor {

    final byte[] in;
    int pos;

    JsonCursor(byte[] in) {
        this.in = in;
    }

    /** The next byte after whitespace, not consumed. */
    int peek() {
        skipWhitespace();
        if (pos >= in.length) {
            throw NotSimple.INSTANCE;
        }
        return in[pos];
    }

    void expect(char c) {
        if (peek() != c) {
            throw NotSimple.INSTANCE;
        }
        pos++;
    }

    /** Consumes {@code c} if it comes next. */
    boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Only whitespace may follow the root value (Jackson: FAIL_ON_TRAILING_TOKENS). */
    void expectEnd() {
        skipWhitespace();
        if (pos != in.length) {
            throw NotSimple.INSTANCE;
        }
    }

    /**
     * Reads a string of printable ASCII without escapes and returns where its content starts; it
     * ends at {@code pos - 1}, before the closing quote.
     */
    int plainString() {
        expect('"');
        int start = pos;
        for (; pos < in.length; pos++) {
            int b = in[pos];
            if (b == '"') {
                pos++;
                return start;
            }
            if (b < 0x20 || b > 0x7e || b == '\\') {
                throw NotSimple.INSTANCE;
            }
        }
        throw NotSimple.INSTANCE;
    }

    /** Reads a string whose content is exactly {@code expected} (ASCII), or throws. */
    void expectString(String expected) {
        expect('"');
        int n = expected.length();
        if (pos + n >= in.length || in[pos + n] != '"') {
            throw NotSimple.INSTANCE;
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != expected.charAt(i)) {
                throw NotSimple.INSTANCE;
            }
        }
        pos += n + 1;
    }

    /** True if the bytes from {@code start} to {@code end} spell {@code name} (ASCII). */
    boolean equals(int start, int end, String name) {
        if (end - start != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (in[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean isDigitAt(int i) {
        return i < in.length && in[i] >= '0' && in[i] <= '9';
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            int b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }
}
