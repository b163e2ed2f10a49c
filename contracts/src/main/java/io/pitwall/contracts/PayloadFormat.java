package io.pitwall.contracts;

import io.pitwall.contracts.internal.Text;
import java.util.Locale;

/** How an MQTT payload is encoded: JSON text (UTF-8) or the same structure in CBOR (RFC 8949). */
public enum PayloadFormat {
    JSON("application/json"),
    CBOR("application/cbor");

    private final String contentType;

    PayloadFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The MQTT 5 content type a publisher sets for this format. */
    public String contentType() {
        return contentType;
    }

    /**
     * The format an MQTT 5 content type names. Parameters such as {@code ;charset=utf-8} and letter
     * case are ignored; a missing content type (always so in MQTT 3.1.1) means {@code fallback}.
     *
     * @throws ContractViolation {@link RejectReason#UNSUPPORTED_CONTENT_TYPE} for anything else
     */
    public static PayloadFormat fromContentType(String contentType, PayloadFormat fallback) {
        if (contentType == null || contentType.isBlank()) {
            return fallback;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (PayloadFormat format : values()) {
            if (format.contentType.equals(mediaType)) {
                return format;
            }
        }
        throw new ContractViolation(RejectReason.UNSUPPORTED_CONTENT_TYPE,
                "content type " + Text.quote(contentType) + " is not supported; use application/json or application/cbor");
    }
}
