package io.pitwall.contracts.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.RejectReason;
import java.util.regex.Pattern;

/**
 * Translates Jackson's parse failures into contract violations with a reason a dashboard can count
 * and a sentence a person can act on.
 *
 * <p>Jackson reports which stream constraint was hit only in its message text, which names the
 * {@code StreamReadConstraints} getter (e.g. {@code getMaxNestingDepth()}); those getter names are
 * public API, so matching on them is stable, and the tests pin every case.
 */
final class ParseFailures {

    private static final Pattern EMBEDDED_LINE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");
    private static final Pattern EMBEDDED_OFFSET = Pattern.compile("\\[Source: .*?; byte offset: #(\\d+)]");

    private ParseFailures() {
    }

    static ContractViolation describe(JacksonException e, PayloadFormat format, ContractLimits limits) {
        if (e instanceof StreamConstraintsException constraint) {
            return constraintViolation(constraint, format, limits);
        }
        String original = e.getOriginalMessage();
        if (e instanceof JsonEOFException) {
            return new ContractViolation(RejectReason.MALFORMED_PAYLOAD,
                    "payload ends before the " + format + " value is complete" + where(e) + "; is it truncated?", e);
        }
        if (original != null && original.startsWith("Trailing token")) {
            return new ContractViolation(RejectReason.MALFORMED_PAYLOAD, "payload continues after the end of the " + format
                    + " value" + where(e) + "; a PUBLISH carries exactly one message", e);
        }
        if (original != null && original.startsWith("Duplicate field")) {
            return new ContractViolation(RejectReason.DUPLICATE_KEY, "payload has the key " + duplicateName(original)
                    + " twice in one object" + where(e) + "; keys must be unique, or it is unclear which value counts", e);
        }
        return new ContractViolation(RejectReason.MALFORMED_PAYLOAD,
                "payload is not valid " + format + where(e) + ": " + firstLine(original), e);
    }

    private static ContractViolation constraintViolation(StreamConstraintsException e, PayloadFormat format, ContractLimits limits) {
        String text = String.valueOf(e.getOriginalMessage());
        if (text.contains("getMaxNestingDepth")) {
            return new ContractViolation(RejectReason.TOO_DEEP, "payload nests objects and arrays more than "
                    + limits.maxNestingDepth() + " levels deep" + where(e) + "; the contract's messages need 4", e);
        }
        if (text.contains("getMaxStringLength") || text.contains("getMaxNameLength")) {
            return new ContractViolation(RejectReason.STRING_TOO_LONG, "payload has a string or key longer than "
                    + limits.maxStringLength() + " characters" + where(e), e);
        }
        if (text.contains("getMaxNumberLength")) {
            return new ContractViolation(RejectReason.NUMBER_OUT_OF_RANGE, "payload has a number written with more than "
                    + PayloadParser.MAX_NUMBER_LENGTH + " characters" + where(e) + "; no double or uint64 needs that many", e);
        }
        if (text.contains("BigDecimal") || text.contains("BigInteger")) {
            return new ContractViolation(RejectReason.NUMBER_OUT_OF_RANGE, "payload has a number whose exponent is out of range"
                    + where(e) + "; no double or uint64 needs it", e);
        }
        if (text.contains("getMaxDocumentLength")) {
            return new ContractViolation(RejectReason.PAYLOAD_TOO_LARGE, "payload is longer than "
                    + limits.maxPayloadBytes() + " bytes", e);
        }
        return new ContractViolation(RejectReason.MALFORMED_PAYLOAD, "payload exceeds a " + format + " parser limit"
                + where(e) + ": " + firstLine(text), e);
    }

    private static String where(JacksonException e) {
        JsonLocation at = e.getLocation();
        if (at == null) {
            return "";
        }
        if (at.getLineNr() > 0 && at.getColumnNr() > 0) {
            return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return at.getByteOffset() >= 0 ? " (at byte " + at.getByteOffset() + ")" : "";
    }

    /* Jackson's text is "Duplicate field 'name'"; the name is device data, so it is re-quoted safely. */
    private static String duplicateName(String message) {
        int first = message.indexOf('\'');
        int last = message.lastIndexOf('\'');
        return last > first ? Text.quote(message.substring(first + 1, last)) : "(unnamed)";
    }

    /*
     * Jackson appends hints on further lines and embeds locations as "[Source: ...; line: 1,
     * column: 39]"; the first line is the finding, and a location reads better as "line 1, column 39".
     */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown parse error";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return EMBEDDED_LINE.matcher(EMBEDDED_OFFSET.matcher(first).replaceAll("byte $1")).replaceAll("line $1, column $2");
    }
}
