package io.pitwall.contracts.telemetry;

import static io.pitwall.contracts.testing.Fixtures.CLOCK;
import static io.pitwall.contracts.testing.Fixtures.LIMITS;
import static io.pitwall.contracts.testing.Fixtures.TS;
import static io.pitwall.contracts.testing.Fixtures.VIN;
import static io.pitwall.contracts.testing.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.testing.Violations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CBOR form of telemetry, as low-bandwidth dongles send it: same structure, same checks, same result. */
class CborTelemetryTest {

    private final TelemetryDecoder decoder = new TelemetryDecoder(LIMITS, CLOCK);

    private ContractViolation refused(byte[] cbor, RejectReason reason) {
        return Violations.refused(() -> decoder.decode(VIN, cbor, PayloadFormat.CBOR), reason);
    }

    @Test
    void cborMessageDecodesToTheSameMessageAsItsJsonTwin() throws IOException {
        byte[] cbor = cbor(g -> {
            g.writeStartObject();
            g.writeStringField("vin", VIN);
            g.writeNumberField("seq", 18342);
            g.writeNumberField("ts", 1763942400123L);
            g.writeObjectFieldStart("signals");
            g.writeNumberField("Vehicle.Speed", 63.5);
            g.writeNumberField("Vehicle.Powertrain.CombustionEngine.ECT", 91.0f);
            g.writeNumberField("Vehicle.OBD.EngineLoad", 31);
            g.writeEndObject();
            g.writeEndObject();
        });
        byte[] json = utf8("{\"vin\":\"LSVAU2180N2183294\",\"seq\":18342,\"ts\":1763942400123,"
                + "\"signals\":{\"Vehicle.Speed\":63.5,\"Vehicle.Powertrain.CombustionEngine.ECT\":91.0,\"Vehicle.OBD.EngineLoad\":31}}");
        assertThat(decoder.decode(VIN, cbor, PayloadFormat.CBOR)).isEqualTo(decoder.decode(VIN, json, PayloadFormat.JSON));
    }

    @Test
    void whatSimulatorsWriteWithJsonWriteCborDecodesBackEqual() {
        Map<String, Double> signals = new LinkedHashMap<>();
        signals.put("Vehicle.Speed", 64.1);
        signals.put("Vehicle.Exterior.AirTemperature", -12.25);
        TelemetryMessage batch = TelemetryMessage.batch(VIN, List.of(new Sample(-1L, TS, signals), new Sample(0L, TS + 1000, Map.of("Vehicle.Speed", 0.1))));
        TelemetryMessage single = TelemetryMessage.single(VIN, new Sample(Long.MIN_VALUE, TS, Map.of("Vehicle.Speed", 1e-7)));
        assertThat(decoder.decode(VIN, Json.writeCbor(batch), PayloadFormat.CBOR)).isEqualTo(batch);
        assertThat(decoder.decode(VIN, Json.writeCbor(single), PayloadFormat.CBOR)).isEqualTo(single);
    }

    @Test
    void acceptsANativeUint64Seq() throws IOException {
        byte[] cbor = single(g -> {
            g.writeFieldName("seq");
            g.writeNumber(uint64Max());
        });
        assertThat(decoder.decode(VIN, cbor, PayloadFormat.CBOR).samples().get(0).seq()).isEqualTo(-1L);
    }

    @Test
    void refusesABignumSeqAboveUint64() throws IOException {
        refused(single(g -> {
            g.writeFieldName("seq");
            g.writeNumber(uint64Max().add(BigInteger.ONE));
        }), RejectReason.INVALID_SEQ);
    }

    @Test
    void refusesCborNaN() throws IOException {
        ContractViolation violation = refused(signal(Double.NaN), RejectReason.NON_FINITE_NUMBER);
        assertThat(violation.getMessage()).isEqualTo("signals[\"Vehicle.Speed\"] is NaN; signal values must be finite numbers");
    }

    @Test
    void refusesCborInfinity() throws IOException {
        refused(signal(Double.POSITIVE_INFINITY), RejectReason.NON_FINITE_NUMBER);
        refused(signal(Double.NEGATIVE_INFINITY), RejectReason.NON_FINITE_NUMBER);
    }

    @Test
    void refusesHalfPrecisionNaN() {
        byte[] cbor = Json.writeCbor(Map.of("vin", VIN, "seq", 1, "ts", TS, "signals", Map.of("Vehicle.Speed", 1.5f)));
        byte[] halfNaN = replaceFloat32(cbor, 1.5f, new byte[] {(byte) 0xf9, 0x7e, 0x00});
        refused(halfNaN, RejectReason.NON_FINITE_NUMBER);
    }

    @Test
    void refusesAByteStringWhereANumberBelongs() throws IOException {
        ContractViolation violation = refused(cbor(g -> {
            g.writeStartObject();
            g.writeStringField("vin", VIN);
            g.writeNumberField("seq", 1);
            g.writeNumberField("ts", TS);
            g.writeObjectFieldStart("signals");
            g.writeBinaryField("Vehicle.Speed", new byte[] {1, 2});
            g.writeEndObject();
            g.writeEndObject();
        }), RejectReason.WRONG_TYPE);
        assertThat(violation.getMessage()).contains("a byte string");
    }

    @Test
    void refusesCborDuplicateKeys() throws IOException {
        refused(cbor(g -> {
            g.writeStartObject();
            g.writeStringField("vin", VIN);
            g.writeStringField("vin", VIN);
            g.writeEndObject();
        }), RejectReason.DUPLICATE_KEY);
    }

    @Test
    void refusesTenThousandNestedCborArraysFast() {
        byte[] deep = new byte[10_001];
        Arrays.fill(deep, (byte) 0x81);
        deep[10_000] = 0x00;
        refused(deep, RejectReason.TOO_DEEP);
    }

    @Test
    void refusesAnOverlongCborString() throws IOException {
        refused(cbor(g -> {
            g.writeStartObject();
            g.writeStringField("vin", "x".repeat(5000));
            g.writeEndObject();
        }), RejectReason.STRING_TOO_LONG);
    }

    @Test
    void everyTruncationIsRefusedAsMalformed() {
        byte[] cbor = Json.writeCbor(TelemetryMessage.single(VIN, new Sample(5, TS, Map.of("Vehicle.Speed", 63.5))));
        for (int length = 1; length < cbor.length; length++) {
            refused(Arrays.copyOf(cbor, length), RejectReason.MALFORMED_PAYLOAD);
        }
    }

    @Test
    void refusesTrailingCborItems() {
        byte[] cbor = Json.writeCbor(TelemetryMessage.single(VIN, new Sample(5, TS, Map.of("Vehicle.Speed", 63.5))));
        byte[] twice = Arrays.copyOf(cbor, cbor.length * 2);
        System.arraycopy(cbor, 0, twice, cbor.length, cbor.length);
        refused(twice, RejectReason.MALFORMED_PAYLOAD);
    }

    @Test
    void refusesACborRootThatIsNotAMap() {
        ContractViolation violation = refused(Json.writeCbor(List.of(1, 2)), RejectReason.WRONG_TYPE);
        assertThat(violation.getMessage()).isEqualTo("the payload is an array; a telemetry message is a CBOR map");
    }

    @Test
    void appliesTheSameVinCheckAsJson() {
        byte[] cbor = Json.writeCbor(TelemetryMessage.single(VIN, new Sample(5, TS, Map.of("a", 1.0))));
        Violations.refused(() -> decoder.decode("WVWZZZ1JZXW000001", cbor, PayloadFormat.CBOR), RejectReason.VIN_MISMATCH);
    }

    private interface Writes {
        void to(JsonGenerator generator) throws IOException;
    }

    private static byte[] cbor(Writes body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = new CBORFactory().createGenerator(out)) {
            body.to(generator);
        }
        return out.toByteArray();
    }

    private static byte[] single(Writes seq) throws IOException {
        return cbor(g -> {
            g.writeStartObject();
            g.writeStringField("vin", VIN);
            seq.to(g);
            g.writeNumberField("ts", TS);
            g.writeObjectFieldStart("signals");
            g.writeNumberField("Vehicle.Speed", 1.0);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static byte[] signal(double value) throws IOException {
        return cbor(g -> {
            g.writeStartObject();
            g.writeStringField("vin", VIN);
            g.writeNumberField("seq", 1);
            g.writeNumberField("ts", TS);
            g.writeObjectFieldStart("signals");
            g.writeNumberField("Vehicle.Speed", value);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static BigInteger uint64Max() {
        return BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    }

    /* Swaps the 5-byte CBOR float32 encoding of {@code value} for {@code replacement}, e.g. a half-precision NaN. */
    private static byte[] replaceFloat32(byte[] cbor, float value, byte[] replacement) {
        int bits = Float.floatToIntBits(value);
        byte[] needle = {(byte) 0xfa, (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        for (int i = 0; i + needle.length <= cbor.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(cbor, i, i + needle.length), needle)) {
                byte[] out = new byte[cbor.length - needle.length + replacement.length];
                System.arraycopy(cbor, 0, out, 0, i);
                System.arraycopy(replacement, 0, out, i, replacement.length);
                System.arraycopy(cbor, i + needle.length, out, i + replacement.length, cbor.length - i - needle.length);
                return out;
            }
        }
        throw new AssertionError("float not found in CBOR");
    }
}
