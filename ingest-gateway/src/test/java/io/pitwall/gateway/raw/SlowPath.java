package io.pitwall.gateway.raw;

import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.raw.RawRecord;
import io.pitwall.contracts.telemetry.TelemetryDecoder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The reference the fast path must match: the contract decoder plus Jackson, as the gateway did before. */
final class SlowPath {

    static final String VIN = "LSVAU2180N2183294";
    static final Instant NOW = Instant.parse("2025-11-24T12:00:00Z");
    static final ContractLimits LIMITS = ContractLimits.defaults();
    static final String GATEWAY = "gw-1";

    private static final TelemetryDecoder DECODER = new TelemetryDecoder(LIMITS, Clock.fixed(NOW, ZoneOffset.UTC));

    private SlowPath() {
    }

    /** The raw record bytes, or null if the contract refuses the payload. */
    static byte[] record(byte[] payload, String clientId, int qos) {
        try {
            return Json.write(RawRecord.telemetry(DECODER.decode(VIN, payload, PayloadFormat.JSON), clientId, GATEWAY,
                    NOW.toEpochMilli(), qos));
        } catch (ContractViolation refused) {
            return null;
        }
    }
}
