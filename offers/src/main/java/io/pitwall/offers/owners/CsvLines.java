package io.pitwall.offers.owners;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV into records of fields: commas separate, double quotes enclose a field that
 * may contain commas, doubled quotes and line breaks. Each record remembers the line it started on,
 * so errors can name it.
 */
final class CsvLines {

    record Row(int line, List<String> fields) {
    }

    private final BufferedReader in;
    private int line;

    CsvLines(BufferedReader in) {
        this.in = in;
    }

    /** The next record, or null at the end of input. */
    Row next() throws IOException {
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        line++;
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    break;
                }
                String more = in.readLine();
                if (more == null) {
                    throw new OwnersCsvException("line " + start + ": a quoted field is not closed before the end of the file");
                }
                line++;
                field.append('\n');
                text = more;
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r' || i != text.length()) {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return new Row(start, fields);
    }
}
