package io.pitwall.contracts.testing;

import io.pitwall.contracts.ContractLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The vehicle, clock and limits the tests share, matching the conventions of the example files. */
public final class Fixtures {

    public static final String VIN = "LSVAU2180N2183294";
    public static final String OTHER_VIN = "WVWZZZ1JZXW000001";
    public static final Instant NOW = Instant.parse("2025-11-24T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final ContractLimits LIMITS = ContractLimits.defaults();
    public static final long TS = 1763942400123L;

    private Fixtures() {
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
