package io.pitwall.contracts.telemetry;

import static io.pitwall.contracts.testing.Fixtures.CLOCK;
import static io.pitwall.contracts.testing.Fixtures.LIMITS;
import static io.pitwall.contracts.testing.Fixtures.NOW;
import static io.pitwall.contracts.testing.Fixtures.OTHER_VIN;
import static io.pitwall.contracts.testing.Fixtures.TS;
import static io.pitwall.contracts.testing.Fixtures.VIN;
import static io.pitwall.contracts.testing.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.testing.Violations;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TelemetryDecoderTest {

    private final TelemetryDecoder decoder = new TelemetryDecoder(LIMITS, CLOCK);

    private TelemetryMessage decode(String json) {
        return decoder.decode(VIN, utf8(json), PayloadFormat.JSON);
    }

    private ContractViolation refused(String json, RejectReason reason) {
        return Violations.refused(() -> decode(json), reason);
    }

    @Test
    void decodesTheContractsSingleSampleExample() {
        TelemetryMessage message = decode("{\"vin\":\"LSVAU2180N2183294\",\"seq\":18342,\"ts\":1763942400123,"
                + "\"signals\":{\"Vehicle.Speed\":63.5,\"Vehicle.Powertrain.CombustionEngine.ECT\":91.0}}");
        assertThat(message.batch()).isFalse();
        assertThat(message.samples()).singleElement().satisfies(sample -> {
            assertThat(sample.seq()).isEqualTo(18342L);
            assertThat(sample.ts()).isEqualTo(1763942400123L);
            assertThat(sample.signals()).containsExactly(
                    java.util.Map.entry("Vehicle.Speed", 63.5),
                    java.util.Map.entry("Vehicle.Powertrain.CombustionEngine.ECT", 91.0));
        });
    }

    @Test
    void decodesABatchInTheOrderSent() {
        TelemetryMessage message = decode("{\"vin\":\"LSVAU2180N2183294\",\"samples\":["
                + "{\"seq\":18344,\"ts\":1763942402123,\"signals\":{\"Vehicle.Speed\":64.9}},"
                + "{\"seq\":18343,\"ts\":1763942401123,\"signals\":{\"Vehicle.Speed\":64.1}}]}");
        assertThat(message.batch()).isTrue();
        assertThat(message.samples()).extracting(Sample::seq).containsExactly(18344L, 18343L);
    }

    @Test
    void keepsSignalsInTheOrderSentIncludingUnknownPaths() {
        String signals = IntStream.range(0, 40).mapToObj(i -> "\"Vehicle.OEM.Z" + (40 - i) + "\":" + i).collect(Collectors.joining(","));
        TelemetryMessage message = decode("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{" + signals + "}}");
        assertThat(message.samples().get(0).signals().keySet()).first().isEqualTo("Vehicle.OEM.Z40");
        assertThat(message.samples().get(0).signals().keySet()).last().isEqualTo("Vehicle.OEM.Z1");
    }

    @Test
    void rejectsAVinThatDiffersFromTheTopic() {
        ContractViolation violation = Violations.refused(() -> decoder.decode(OTHER_VIN,
                utf8("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"a\":1}}"), PayloadFormat.JSON),
                RejectReason.VIN_MISMATCH);
        assertThat(violation.getMessage()).isEqualTo("vin is \"LSVAU2180N2183294\" but the topic belongs to " + OTHER_VIN
                + "; a message must carry the VIN of the topic it is published on");
    }

    @Test
    void acceptsASampleExactlyAtTheAllowedClockSkew() {
        long latest = NOW.plus(Duration.ofHours(24)).toEpochMilli();
        assertThat(decode(single(1, latest)).samples().get(0).ts()).isEqualTo(latest);
    }

    @Test
    void rejectsASampleMoreThanADayInTheFuture() {
        long tooLate = NOW.plus(Duration.ofHours(24)).toEpochMilli() + 1;
        ContractViolation violation = refused(single(1, tooLate), RejectReason.INVALID_TIMESTAMP);
        assertThat(violation.getMessage()).startsWith("ts is " + tooLate + "; ts must be whole epoch milliseconds")
                .contains("2000-01-01T00:00:00Z").contains("2025-11-25T12:00:00Z");
    }

    @Test
    void rejectsTheFarFuture() {
        refused(single(1, 4102444800000L), RejectReason.INVALID_TIMESTAMP);
        refused(single(1, Long.MAX_VALUE), RejectReason.INVALID_TIMESTAMP);
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":99999999999999999999999,\"signals\":{\"a\":1}}", RejectReason.INVALID_TIMESTAMP);
    }

    @Test
    void oneLateSampleRefusesTheWholeBatchNamingIt() {
        long tooLate = NOW.plus(Duration.ofDays(2)).toEpochMilli();
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N2183294\",\"samples\":["
                + "{\"seq\":1,\"ts\":" + TS + ",\"signals\":{\"a\":1}},{\"seq\":2,\"ts\":" + tooLate + ",\"signals\":{\"a\":1}}]}",
                RejectReason.INVALID_TIMESTAMP);
        assertThat(violation.getMessage()).startsWith("samples[1].ts is " + tooLate);
    }

    @Test
    void rejectsDuplicateTopLevelKeys() {
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"seq\":2,\"ts\":1763942400123,\"signals\":{\"a\":1}}",
                RejectReason.DUPLICATE_KEY);
        assertThat(violation.getMessage()).contains("\"seq\" twice").contains("line 1");
    }

    @Test
    void rejectsDuplicateSignalPaths() {
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\":1,\"Vehicle.Speed\":2}}",
                RejectReason.DUPLICATE_KEY);
    }

    @Test
    void seqUint64MaxIsAcceptedAndRoundTripsAsUnsignedText() {
        TelemetryMessage message = decode(single("18446744073709551615", TS));
        assertThat(message.samples().get(0).seq()).isEqualTo(-1L);
        assertThat(Json.writeString(message)).contains("\"seq\":18446744073709551615");
        assertThat(decoder.decode(VIN, Json.write(message), PayloadFormat.JSON)).isEqualTo(message);
    }

    @Test
    void seqAboveUint64IsRefused() {
        ContractViolation violation = refused(single("18446744073709551616", TS), RejectReason.INVALID_SEQ);
        assertThat(violation.getMessage()).isEqualTo("seq is 18446744073709551616; seq must be a whole number from 0 to 18446744073709551615");
    }

    @Test
    void negativeSeqIsRefused() {
        refused(single("-1", TS), RejectReason.INVALID_SEQ);
        refused(single("-18446744073709551615", TS), RejectReason.INVALID_SEQ);
    }

    @Test
    void wholeNumbersWrittenAsDecimalsCountAsIntegersAsInJsonSchema() {
        Sample sample = decode(single("18342.0", "1.763942400123e12")).samples().get(0);
        assertThat(sample.seq()).isEqualTo(18342L);
        assertThat(sample.ts()).isEqualTo(TS);
    }

    @Test
    void aHugeExponentSeqIsRefusedWithoutExpandingIt() {
        refused(single("1e999999999", TS), RejectReason.INVALID_SEQ);
        refused(single("1e-999999999", TS), RejectReason.INVALID_SEQ);
    }

    @Test
    void acceptsTheLargestBatch() {
        assertThat(decode(batchOf(LIMITS.maxSamplesPerBatch())).samples()).hasSize(1000);
    }

    @Test
    void rejectsTooManySamples() {
        ContractViolation violation = refused(batchOf(LIMITS.maxSamplesPerBatch() + 1), RejectReason.BATCH_TOO_LARGE);
        assertThat(violation.getMessage()).contains("1001").contains("1000");
    }

    @Test
    void acceptsTheMostSignals() {
        assertThat(decode(sampleWithSignals(512)).samples().get(0).signals()).hasSize(512);
    }

    @Test
    void rejectsTooManySignals() {
        refused(sampleWithSignals(513), RejectReason.TOO_MANY_SIGNALS);
    }

    @Test
    void rejectsAnOversizePayloadBeforeParsingIt() {
        byte[] payload = new byte[LIMITS.maxPayloadBytes() + 1];
        java.util.Arrays.fill(payload, (byte) '[');
        ContractViolation violation = Violations.refused(() -> decoder.decode(VIN, payload, PayloadFormat.JSON), RejectReason.PAYLOAD_TOO_LARGE);
        assertThat(violation.getMessage()).isEqualTo("payload is 262145 bytes; the limit is 262144 bytes, split large batches");
    }

    @Test
    void emptySignalsAreRefusedBecauseASampleWithoutDataIsADeviceBug() {
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N2183294\",\"samples\":[{\"seq\":1,\"ts\":1763942400123,\"signals\":{}}]}",
                RejectReason.EMPTY_SIGNALS);
        assertThat(violation.getMessage()).isEqualTo("samples[0].signals is empty; a sample must carry at least one signal");
    }

    @Test
    void namesTheUnknownFieldAndTheAllowedOnes() {
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"a\":1},\"Speed\":2}",
                RejectReason.UNEXPECTED_FIELD);
        assertThat(violation.getMessage()).startsWith("Speed is not a field of a single-sample telemetry message")
                .endsWith("the fields are vin, seq, ts, signals");
    }

    @Test
    void quotesAnOddUnknownFieldName() {
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"a\":1},\"x\\ny\":2}",
                RejectReason.UNEXPECTED_FIELD);
        assertThat(violation.getMessage()).startsWith("the field \"x\\ny\" in the message is not a field");
    }

    @Test
    void explainsWhatIsWrongWithAnInvalidVin() {
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N218329O\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"a\":1}}",
                RejectReason.INVALID_VIN);
        assertThat(violation.getMessage()).isEqualTo("vin is \"LSVAU2180N218329O\", which is not a valid VIN: character 17 is 'O'; "
                + "ISO 3779 leaves out I, O and Q because they are mistaken for 1 and 0");
    }

    @Test
    void namesTheSignalWithAWrongValueType() {
        ContractViolation violation = refused("{\"vin\":\"LSVAU2180N2183294\",\"samples\":[{\"seq\":1,\"ts\":1763942400123,"
                + "\"signals\":{\"Vehicle.Speed\":\"63.5\"}}]}", RejectReason.WRONG_TYPE);
        assertThat(violation.getMessage()).isEqualTo("samples[0].signals[\"Vehicle.Speed\"] is \"63.5\"; signal values must be finite numbers");
    }

    @Test
    void rejectsASignalPathEndingInANewline() {
        // The schema's pattern ends in $, which in ECMA-262 (the regex dialect JSON Schema uses) does
        // not match before a trailing newline; some Java validators let it through, the decoder does not.
        refused("{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{\"Vehicle.Speed\\n\":1}}",
                RejectReason.INVALID_SIGNAL_PATH);
    }

    @Test
    void nullVinIsReportedAsNull() {
        ContractViolation violation = refused("{\"vin\":null,\"seq\":1,\"ts\":1763942400123,\"signals\":{\"a\":1}}", RejectReason.MISSING_FIELD);
        assertThat(violation.getMessage()).isEqualTo("vin is null; every message names its vehicle");
    }

    private static String single(long seq, long ts) {
        return single(Long.toString(seq), Long.toString(ts));
    }

    private static String single(String seq, long ts) {
        return single(seq, Long.toString(ts));
    }

    private static String single(String seq, String ts) {
        return "{\"vin\":\"LSVAU2180N2183294\",\"seq\":" + seq + ",\"ts\":" + ts + ",\"signals\":{\"Vehicle.Speed\":1}}";
    }

    private static String batchOf(int samples) {
        return IntStream.range(0, samples)
                .mapToObj(i -> "{\"seq\":" + i + ",\"ts\":" + (TS + i) + ",\"signals\":{\"Vehicle.Speed\":" + i + "}}")
                .collect(Collectors.joining(",", "{\"vin\":\"LSVAU2180N2183294\",\"samples\":[", "]}"));
    }

    private static String sampleWithSignals(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"Vehicle.OEM.S" + i + "\":" + i)
                .collect(Collectors.joining(",", "{\"vin\":\"LSVAU2180N2183294\",\"seq\":1,\"ts\":1763942400123,\"signals\":{", "}}"));
    }
}
