package io.pitwall.gateway.raw;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.Schemas;
import io.pitwall.contracts.raw.RawKind;
import io.pitwall.contracts.raw.RawRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path against the contract decoder: whatever it takes, the decoder accepts, and the record
 * bytes are the same. Run over the contract's own example files, a generator of messages in many
 * shapes (valid and not) and random byte mutations of valid messages.
 */
class RawTelemetryEncoderTest {

    private static final Path EXAMPLES = Path.of("../contracts/src/test/resources/examples/telemetry");
    private static final long NOW = SlowPath.NOW.toEpochMilli();
    private final RawTelemetryEncoder encoder = new RawTelemetryEncoder(SlowPath.LIMITS, SlowPath.GATEWAY);

    @Test
    void takesPlainTelemetryAndWritesTheSameRecord() {
        String payload = "{\"vin\":\"" + SlowPath.VIN + "\",\"seq\":18343,\"ts\":1763942401123,\"signals\":"
                + "{\"Vehicle.Speed\":64.1,\"Vehicle.OBD.EngineLoad\":12,\"Vehicle.X\":-0.50,\"Vehicle.Y\":0}}";
        byte[] fast = fast(payload, SlowPath.VIN, 1);
        assertThat(fast).isNotNull();
        assertThat(new String(fast, StandardCharsets.UTF_8)).isEqualTo(slow(payload, SlowPath.VIN, 1));
        assertThat(new String(fast, StandardCharsets.UTF_8)).contains(
                "\"signals\":{\"Vehicle.Speed\":64.1,\"Vehicle.OBD.EngineLoad\":12.0,\"Vehicle.X\":-0.5,\"Vehicle.Y\":0.0}");
    }

    @Test
    void writesEachRecordsOwnReceiveTime() {
        byte[] payload = ("{\"vin\":\"" + SlowPath.VIN + "\",\"seq\":1,\"ts\":1763942401123,\"signals\":{\"A\":1.5}}")
                .getBytes(StandardCharsets.UTF_8);
        for (long at : new long[] {NOW, NOW, NOW + 1, NOW - 1, NOW + 86_400_000L, NOW}) {
            assertThat(new String(encoder.encode(SlowPath.VIN, "c", payload, at, 1), StandardCharsets.UTF_8))
                    .contains(",\"receivedAt\":" + at + ",\"qos\":1,");
        }
        assertThat(encoder.encode(SlowPath.VIN, "c", payload, -1, 1)).isNull();
    }

    @Test
    void takesBatchesInAnyFieldOrderAndWhitespace() {
        String payload = " {\n\t\"samples\" : [ {\"signals\":{\"A\":1.5},\"ts\":1763942401123,\"seq\":18446744073709551615} ,\r\n"
                + "{\"ts\":1763942402123,\"seq\":0,\"signals\":{\"B.c_9\":-7}}],\"vin\":\"" + SlowPath.VIN + "\"} ";
        assertThat(fast(payload, "LSVAU2180N2183294:obd", 0)).isNotNull();
        assertSameAsDecoder(payload.getBytes(StandardCharsets.UTF_8), "LSVAU2180N2183294:obd", 0);
    }

    @Test
    void quotesAnUnusualClientIdAsJacksonDoes() {
        String payload = "{\"vin\":\"" + SlowPath.VIN + "\",\"seq\":1,\"ts\":1763942401123,\"signals\":{\"A\":1.5}}";
        for (String clientId : List.of("a\"b", "tab\there", "caf\u00e9", "back\\slash", "\u0001", "emoji\ud83d\ude97")) {
            assertThat(fast(payload, clientId, 1)).isNotNull();
            assertSameAsDecoder(payload.getBytes(StandardCharsets.UTF_8), clientId, 2);
        }
    }

    @Test
    void leavesToTheDecoderWhatItDoesNotTakeInFull() {
        String head = "{\"vin\":\"" + SlowPath.VIN + "\",\"seq\":1,\"ts\":1763942401123,\"signals\":";
        for (String signals : List.of("{\"A\":1e3}", "{\"A\":0.0001}", "{\"A\":12345678}", "{\"A\":1.234567890123456}",
                "{\"\\u0041\":1}", "{\"A\":1,\"A\":2}", "{}", "{\"A\":NaN}", "{\"A\":\"1\"}", "{\"A.\":1}", "{\"A\":01}")) {
            byte[] payload = (head + signals + "}").getBytes(StandardCharsets.UTF_8);
            assertThat(encoder.encode(SlowPath.VIN, SlowPath.VIN, payload, NOW, 1)).as(signals).isNull();
            assertSameAsDecoder(payload, SlowPath.VIN, 1);
        }
        byte[] otherVin = ("{\"vin\":\"WVWZZZ1JZXW000001\",\"seq\":1,\"ts\":1763942401123,\"signals\":{\"A\":1}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(encoder.encode(SlowPath.VIN, SlowPath.VIN, otherVin, NOW, 1)).isNull();
    }

    @Test
    void stopsAtTheContractLimitsExactlyWhereTheDecoderDoes() {
        String head = "{\"vin\":\"" + SlowPath.VIN + "\",\"seq\":1,\"ts\":1763942401123,\"signals\":";
        assertTakenExactly(head + signals(SlowPath.LIMITS.maxSignalsPerSample()) + "}", true);
        assertTakenExactly(head + signals(SlowPath.LIMITS.maxSignalsPerSample() + 1) + "}", false);
        int maxPath = SlowPath.LIMITS.maxSignalPathLength();
        assertTakenExactly(head + "{\"" + "A".repeat(maxPath) + "\":1}}", true);
        assertTakenExactly(head + "{\"" + "A".repeat(maxPath + 1) + "\":1}}", false);
        String sample = "{\"seq\":1,\"ts\":1763942401123,\"signals\":{\"A\":1}}";
        int maxBatch = SlowPath.LIMITS.maxSamplesPerBatch();
        assertTakenExactly("{\"vin\":\"" + SlowPath.VIN + "\",\"samples\":[" + String.join(",", java.util.Collections.nCopies(maxBatch, sample)) + "]}", true);
        assertTakenExactly("{\"vin\":\"" + SlowPath.VIN + "\",\"samples\":[" + String.join(",", java.util.Collections.nCopies(maxBatch + 1, sample)) + "]}", false);
        long latest = SlowPath.LIMITS.latestTimestampAt(NOW);
        long earliest = SlowPath.LIMITS.minTimestampMillis();
        for (long ts : new long[] {earliest, latest}) {
            assertTakenExactly("{\"vin\":\"" + SlowPath.VIN + "\",\"seq\":1,\"ts\":" + ts + ",\"signals\":{\"A\":1}}", true);
        }
        for (long ts : new long[] {earliest - 1, latest + 1}) {
            assertTakenExactly("{\"vin\":\"" + SlowPath.VIN + "\",\"seq\":1,\"ts\":" + ts + ",\"signals\":{\"A\":1}}", false);
        }
        RawTelemetryEncoder small = new RawTelemetryEncoder(SlowPath.LIMITS.withMaxPayloadBytes(1024), SlowPath.GATEWAY);
        assertThat(small.encode(SlowPath.VIN, SlowPath.VIN, (head + signals(60) + "}").getBytes(StandardCharsets.UTF_8), NOW, 1))
                .isNull();
    }

    @Test
    void findsDuplicatePathsInSmallAndLargeSamplesButTakesHashCollisions() {
        String head = "{\"vin\":\"" + SlowPath.VIN + "\",\"seq\":1,\"ts\":1763942401123,\"signals\":";
        for (int n : new int[] {2, 5, 32, 33, 50, 300}) {
            String unique = signals(n);
            assertTakenExactly(head + unique + "}", true);
            String duplicated = unique.substring(0, unique.length() - 1) + ",\"Vehicle.S" + (n / 2) + "\":1}";
            assertTakenExactly(head + duplicated + "}", false);
        }
        // "Aa" and "BB" share a String hash code: different paths, so the message is fine.
        assertTakenExactly(head + "{\"Aa\":1,\"BB\":2,\"AaAa\":3,\"BBBB\":4,\"AaBB\":5}}", true);
        StringBuilder colliding = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            colliding.append(i == 0 ? "" : ",").append("\"").append(Integer.toBinaryString(i | 64).replace('0', 'A')
                    .replace("1", "BB").replace("A", "Aa")).append("\":").append(i);
        }
        assertTakenExactly(head + colliding + "}}", true);
    }

    /** Taken (and equal to the decoder's record) or left to the decoder, which then refuses it. */
    private void assertTakenExactly(String payload, boolean taken) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        assertThat(assertSameAsDecoder(bytes, SlowPath.VIN, 1)).as(payload.length() > 200 ? payload.substring(0, 200) : payload)
                .isEqualTo(taken);
        if (!taken) {
            assertThat(SlowPath.record(bytes, SlowPath.VIN, 1)).isNull();
        }
    }

    private static String signals(int n) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("\"Vehicle.S").append(i).append("\":").append(i).append(".25");
        }
        return out.append('}').toString();
    }

    @Test
    void writesRecordsTheSchemaAcceptsAndTheJobReads() throws IOException {
        JsonSchema schema;
        try (InputStream in = Schemas.open("raw-record")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        Random random = new Random(3);
        TelemetryGenerator generator = new TelemetryGenerator(random, SlowPath.VIN, NOW);
        for (int i = 0; i < 2_000; i++) {
            byte[] record = encoder.encode(SlowPath.VIN, "LSVAU2180N2183294:obd", generator.message(true)
                    .getBytes(StandardCharsets.UTF_8), NOW, 1);
            assertThat(record).isNotNull();
            assertThat(schema.validate(Json.mapper().readTree(record))).isEmpty();
            // As the Flink job's RawRecordDeserializer reads it.
            RawRecord read = Json.read(record, RawRecord.class);
            assertThat(read.kind()).isEqualTo(RawKind.TELEMETRY);
            assertThat(read.vin()).isEqualTo(SlowPath.VIN);
            assertThat(read.receivedAt()).isEqualTo(NOW);
            assertThat(read.samples()).isNotEmpty().allSatisfy(sample -> assertThat(sample.signals()).isNotEmpty());
        }
    }

    @Test
    void agreesWithTheDecoderOnEveryContractExample() throws IOException {
        int taken = 0;
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            walk.filter(p -> p.toString().endsWith(".json")).forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            byte[] payload = Files.readAllBytes(file);
            if (assertSameAsDecoder(payload, SlowPath.VIN, 1)) {
                taken++;
            }
        }
        // Most valid examples are plain (the rest use exponents, escapes, decimals for seq...).
        assertThat(taken).isGreaterThanOrEqualTo(6);
    }

    @Test
    void agreesWithTheDecoderOnGeneratedMessages() {
        Random random = new Random(20261124);
        TelemetryGenerator generator = new TelemetryGenerator(random, SlowPath.VIN, NOW);
        int plain = 0;
        int plainTaken = 0;
        int oddAccepted = 0;
        int oddRefused = 0;
        for (int i = 0; i < 40_000; i++) {
            boolean wantPlain = random.nextInt(3) == 0;
            byte[] payload = generator.message(wantPlain).getBytes(StandardCharsets.UTF_8);
            boolean fast = assertSameAsDecoder(payload, SlowPath.VIN, random.nextInt(3));
            if (wantPlain) {
                plain++;
                plainTaken += fast ? 1 : 0;
            } else if (SlowPath.record(payload, SlowPath.VIN, 1) != null) {
                oddAccepted++;
            } else {
                oddRefused++;
            }
        }
        assertThat(plainTaken).as("plain messages the fast path took").isEqualTo(plain);
        // The other messages exercise both sides of the decoder, not only refusals.
        assertThat(oddAccepted).isGreaterThan(500);
        assertThat(oddRefused).isGreaterThan(5_000);
    }

    @Test
    void agreesWithTheDecoderOnMutatedMessages() {
        Random random = new Random(7);
        TelemetryGenerator generator = new TelemetryGenerator(random, SlowPath.VIN, NOW);
        byte[] alphabet = "{}[]:,\"\\ \t\n.-+eE0123456789aZ_\u00e9nulltrue".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 40_000; i++) {
            byte[] payload = generator.message(true).getBytes(StandardCharsets.UTF_8);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && payload.length > 1; e++) {
                int at = random.nextInt(payload.length);
                switch (random.nextInt(3)) {
                    case 0 -> payload[at] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> payload = remove(payload, at);
                    default -> payload = insert(payload, at, alphabet[random.nextInt(alphabet.length)]);
                }
            }
            assertSameAsDecoder(payload, SlowPath.VIN, 1);
        }
    }

    /** Returns whether the fast path took the payload; fails if it took one the decoder refuses or wrote other bytes. */
    private boolean assertSameAsDecoder(byte[] payload, String clientId, int qos) {
        byte[] fast = encoder.encode(SlowPath.VIN, clientId, payload, NOW, qos);
        if (fast == null) {
            return false;
        }
        byte[] slow = SlowPath.record(payload, clientId, qos);
        String shown = new String(payload, StandardCharsets.UTF_8);
        assertThat(slow).as("the decoder refuses what the fast path took: %s", shown).isNotNull();
        assertThat(new String(fast, StandardCharsets.UTF_8)).as(shown).isEqualTo(new String(slow, StandardCharsets.UTF_8));
        assertThat(fast).as(shown).isEqualTo(slow);
        return true;
    }

    private byte[] fast(String payload, String clientId, int qos) {
        return encoder.encode(SlowPath.VIN, clientId, payload.getBytes(StandardCharsets.UTF_8), NOW, qos);
    }

    private static String slow(String payload, String clientId, int qos) {
        return new String(SlowPath.record(payload.getBytes(StandardCharsets.UTF_8), clientId, qos), StandardCharsets.UTF_8);
    }

    private static byte[] remove(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte x) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = x;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }
}
