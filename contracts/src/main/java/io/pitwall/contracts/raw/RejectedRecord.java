package io.pitwall.contracts.raw;

import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.RejectReason;
import java.util.Arrays;
import java.util.Base64;

/**
 * What the gateway writes to {@code telemetry.rejected} for every PUBLISH it refused, keyed by VIN
 * (or client id when there is no valid VIN): enough to see why, and the payload itself (up to
 * {@value #MAX_PAYLOAD_BYTES} bytes) to reproduce it.
 *
 * @param key              the Kafka key the record was written with
 * @param topic            the MQTT topic the payload was published on
 * @param reason           a {@link RejectReason#code()}, e.g. {@code vin-mismatch}
 * @param message          the readable sentence saying what was wrong and where
 * @param payloadBase64    the payload, base64 (RFC 4648, with padding), cut at {@value #MAX_PAYLOAD_BYTES} bytes
 * @param payloadTruncated whether the payload was longer than what is kept
 */
public record RejectedRecord(
        int schemaVersion,
        String key,
        String clientId,
        String gatewayId,
        long receivedAt,
        String topic,
        String reason,
        String message,
        String payloadBase64,
        boolean payloadTruncated) {

    public static final int SCHEMA_VERSION = 1;

    /* Enough to reproduce almost any refusal; a bigger payload was likely refused for its size anyway. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public static RejectedRecord of(String key, String clientId, String gatewayId, long receivedAt, String topic,
                                    ContractViolation violation, byte[] payload) {
        return of(key, clientId, gatewayId, receivedAt, topic, violation.reason(), violation.getMessage(), payload);
    }

    public static RejectedRecord of(String key, String clientId, String gatewayId, long receivedAt, String topic,
                                    RejectReason reason, String message, byte[] payload) {
        byte[] kept = payload.length > MAX_PAYLOAD_BYTES ? Arrays.copyOf(payload, MAX_PAYLOAD_BYTES) : payload;
        return new RejectedRecord(SCHEMA_VERSION, key, clientId, gatewayId, receivedAt, topic, reason.code(), message,
                Base64.getEncoder().encodeToString(kept), payload.length > MAX_PAYLOAD_BYTES);
    }

    /** The kept payload bytes. */
    public byte[] payload() {
        return Base64.getDecoder().decode(payloadBase64);
    }
}
