package io.pitwall.contracts.telemetry;

import static io.pitwall.contracts.testing.Fixtures.CLOCK;
import static io.pitwall.contracts.testing.Fixtures.LIMITS;
import static io.pitwall.contracts.testing.Fixtures.VIN;
import static io.pitwall.contracts.testing.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.testing.Violations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and broken payloads: each ends in a ContractViolation with the right reason, quickly, and nothing else escapes. */
class MalformedTelemetryTest {

    private static final String VALID = "{\"vin\":\"LSVAU2180N2183294\",\"samples\":["
            + "{\"seq\":18343,\"ts\":1763942401123,\"signals\":{\"Vehicle.Speed\":64.1,\"Vehicle.OBD.EngineLoad\":31}},"
            + "{\"seq\":18344,\"ts\":1763942402123,\"signals\":{\"Vehicle.Speed\":64.9}}]}";

    private final TelemetryDecoder decoder = new TelemetryDecoder(LIMITS, CLOCK);

    private ContractViolation refused(String json, RejectReason reason) {
        return refused(utf8(json), reason);
    }

    private ContractViolation refused(byte[] payload, RejectReason reason) {
        return Violations.refused(() -> decoder.decode(VIN, payload, PayloadFormat.JSON), reason);
    }

    private static String withSpeed(String value) {
        return "{\"vin\":\"LSVAU2180N2183294\",\"samples\":[{\"seq\":1,\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":1}},"
                + "{\"seq\":2,\"ts\":1763942400123,\"signals\":{\"a\":1}},{\"seq\":3,\"ts\":1763942400123,\"signals\":{\"a\":1}},"
                + "{\"seq\":4,\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":" + value + "}}]}";
    }

    @Test
    void everyTruncationOfAValidMessageIsRefusedAsMalformed() {
        for (int length = 1; length < VALID.length(); length++) {
            String prefix = VALID.substring(0, length);
            Throwable thrown = catchThrowable(() -> decoder.decode(VIN, utf8(prefix), PayloadFormat.JSON));
            assertThat(thrown).as(prefix).isInstanceOf(ContractViolation.class);
            assertThat(((ContractViolation) thrown).reason()).as(prefix).isEqualTo(RejectReason.MALFORMED_PAYLOAD);
        }
    }

    @Test
    void truncationSaysWhereThePayloadEnds() {
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1", RejectReason.MALFORMED_PAYLOAD);
        assertThat(violation.getMessage()).startsWith("payload ends before the JSON value is complete (line 1, column ").endsWith("is it truncated?");
    }

    @Test
    void rejectsEmptyAndBlankPayloads() {
        refused(new byte[0], RejectReason.MALFORMED_PAYLOAD);
        refused(" \n\t ", RejectReason.MALFORMED_PAYLOAD);
        Violations.refused(() -> decoder.decode(VIN, null, PayloadFormat.JSON), RejectReason.MALFORMED_PAYLOAD);
    }

    @Test
    void rejectsNaNSignalValue() {
        ContractViolation violation = refused(withSpeed("NaN"), RejectReason.NON_FINITE_NUMBER);
        assertThat(violation.getMessage()).isEqualTo("samples[3].signals[\"Vehicle.Speed\"] is NaN; signal values must be finite numbers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Infinity", "-Infinity", "+Infinity", "+INF", "-INF"})
    void rejectsInfinitySignalValue(String token) {
        ContractViolation violation = refused(withSpeed(token), RejectReason.NON_FINITE_NUMBER);
        assertThat(violation.getMessage()).startsWith("samples[3].signals[\"Vehicle.Speed\"] is ").contains("Infinity");
    }

    @Test
    void rejectsNaNSeqAndTs() {
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":NaN,\"ts\":1763942400123,\"signals\":{\"a\":1}}", RejectReason.NON_FINITE_NUMBER);
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":Infinity,\"signals\":{\"a\":1}}", RejectReason.NON_FINITE_NUMBER);
    }

    @Test
    void rejectsANumberBeyondDoubleRange() {
        ContractViolation violation = refused(withSpeed("1e400"), RejectReason.NUMBER_OUT_OF_RANGE);
        assertThat(violation.getMessage()).startsWith("samples[3].signals[\"Vehicle.Speed\"] is 1E+400, which is beyond the range");
    }

    @Test
    void rejectsA400DigitInteger() {
        String huge = "9".repeat(400);
        ContractViolation violation = refused(withSpeed(huge), RejectReason.NUMBER_OUT_OF_RANGE);
        assertThat(violation.getMessage()).isEqualTo("payload has a number written with more than 100 characters; no double or uint64 needs that many");
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":" + huge + ",\"ts\":1763942400123,\"signals\":{\"a\":1}}", RejectReason.NUMBER_OUT_OF_RANGE);
    }

    @Test
    void rejectsAFractionWithTooManyDigits() {
        refused(withSpeed("0." + "1".repeat(200)), RejectReason.NUMBER_OUT_OF_RANGE);
    }

    @Test
    void refusesTenThousandNestedArraysFastWithoutStackOverflow() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatCode(() -> {
            ContractViolation violation = refused(deep, RejectReason.TOO_DEEP);
            assertThat(violation.getMessage()).contains("more than 16 levels deep");
        }).doesNotThrowAnyException();
        long started = System.nanoTime();
        refused(deep, RejectReason.TOO_DEEP);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
    }

    @Test
    void refusesDeepNestingInsideASignalValue() {
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":" + deep + "}}", RejectReason.TOO_DEEP);
    }

    @Test
    void refusesAMegabyteStringAsTooLargeFirst() {
        String big = "x".repeat(1 << 20);
        refused("{\"vin\":\"" + big + "\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"a\":1}}", RejectReason.PAYLOAD_TOO_LARGE);
    }

    @Test
    void refusesAMegabyteStringAsTooLongWhenThePayloadCapAllowsIt() {
        TelemetryDecoder lenient = new TelemetryDecoder(LIMITS.withMaxPayloadBytes(4 << 20), CLOCK);
        String big = "x".repeat(1 << 20);
        byte[] payload = utf8("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"a\":\"" + big + "\"}}");
        ContractViolation violation = Violations.refused(() -> lenient.decode(VIN, payload, PayloadFormat.JSON), RejectReason.STRING_TOO_LONG);
        assertThat(violation.getMessage()).contains("longer than 4096 characters");
    }

    @Test
    void refusesAnOverlongKey() {
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"" + "k".repeat(5000) + "\":1}}",
                RejectReason.STRING_TOO_LONG);
    }

    @Test
    void refusesUtf16() {
        byte[] utf16 = "{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"a\":1}}".getBytes(StandardCharsets.UTF_16BE);
        refused(utf16, RejectReason.MALFORMED_PAYLOAD);
        refused("{\"vin\":\"LSVAU2180N2183294\"}".getBytes(StandardCharsets.UTF_16), RejectReason.MALFORMED_PAYLOAD);
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] payload = utf8("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"a\":1},\"x\":\"??\"}");
        payload[payload.length - 4] = (byte) 0xc3;
        payload[payload.length - 3] = (byte) 0x28;
        refused(payload, RejectReason.MALFORMED_PAYLOAD);
    }

    @Test
    void refusesTrailingDataAfterTheMessage() {
        refused(VALID + " {}", RejectReason.MALFORMED_PAYLOAD);
        refused(VALID + "x", RejectReason.MALFORMED_PAYLOAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'vin':'LSVAU2180N2183294'}", "{vin:1}", "{\"vin\":\"LSVAU2180N2183294\",}", "// c\n{}", "{\"a\":01}"})
    void refusesJsonExtensions(String json) {
        refused(json, RejectReason.MALFORMED_PAYLOAD);
    }

    @Test
    void refusesCborBytesSentAsJson() {
        byte[] cbor = Json.writeCbor(java.util.Map.of("vin", VIN));
        refused(cbor, RejectReason.MALFORMED_PAYLOAD);
    }

    @Test
    void neverThrowsAnythingButAContractViolation() {
        Random random = new Random(20251124L);
        byte[] valid = utf8(VALID);
        byte[] cbor = Json.writeCbor(decoder.decode(VIN, valid, PayloadFormat.JSON));
        for (int round = 0; round < 3000; round++) {
            PayloadFormat format = round % 2 == 0 ? PayloadFormat.JSON : PayloadFormat.CBOR;
            byte[] mutated = mutate(format == PayloadFormat.JSON ? valid : cbor, random);
            Throwable thrown = catchThrowable(() -> decoder.decode(VIN, mutated, format));
            if (thrown != null) {
                assertThat(thrown).as("%s %s", format, Arrays.toString(mutated)).isInstanceOf(ContractViolation.class);
                Violations.assertReadable((ContractViolation) thrown);
            }
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] copy = Arrays.copyOf(original, original.length);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(copy.length);
            switch (random.nextInt(3)) {
                case 0 -> copy[at] = (byte) random.nextInt(256);
                case 1 -> copy = Arrays.copyOf(copy, Math.max(1, at));
                default -> copy[at] = (byte) "{}[]\",:0-eE.9nN".charAt(random.nextInt(15));
            }
        }
        return copy;
    }
}
