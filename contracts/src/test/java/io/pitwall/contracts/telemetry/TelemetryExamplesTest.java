package io.pitwall.contracts.telemetry;

import static io.pitwall.contracts.testing.Fixtures.CLOCK;
import static io.pitwall.contracts.testing.Fixtures.LIMITS;
import static io.pitwall.contracts.testing.Fixtures.VIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.testing.Examples;
import io.pitwall.contracts.testing.Examples.Example;
import io.pitwall.contracts.testing.SchemaCheck;
import io.pitwall.contracts.testing.Violations;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published schema and the decoder must agree on every example: what one accepts the other
 * accepts, what one refuses the other refuses. Checks the schema cannot express (VIN equals the
 * topic's VIN, ts against the receiving clock, duplicate keys, NaN, parser limits) are tested on
 * the decoder alone in {@link TelemetryDecoderTest} and {@link MalformedTelemetryTest}.
 */
class TelemetryExamplesTest {

    private static final CBORMapper CBOR = new CBORMapper();

    private final TelemetryDecoder decoder = new TelemetryDecoder(LIMITS, CLOCK);

    static Stream<Example> valid() {
        return Examples.valid("telemetry");
    }

    static Stream<Example> invalid() {
        return Examples.invalid("telemetry");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void schemaAndDecoderBothAccept(Example example) {
        assertThat(SchemaCheck.validate("telemetry", example.json())).isEmpty();
        TelemetryMessage message = decoder.decode(VIN, example.json(), PayloadFormat.JSON);
        assertThat(message.vin()).isEqualTo(VIN);
        assertThat(message.samples()).isNotEmpty().allSatisfy(s -> assertThat(s.signals()).isNotEmpty());
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void schemaAndDecoderBothRefuse(Example example) {
        assertThat(SchemaCheck.validate("telemetry", example.json())).isNotEmpty();
        Violations.refused(() -> decoder.decode(VIN, example.json(), PayloadFormat.JSON), example.expectedReason());
    }

    @ParameterizedTest
    @MethodSource("valid")
    void cborTwinDecodesToTheSameMessage(Example example) throws Exception {
        byte[] cbor = CBOR.writeValueAsBytes(SchemaCheck.tree(example.json()));
        assertThat(decoder.decode(VIN, cbor, PayloadFormat.CBOR)).isEqualTo(decoder.decode(VIN, example.json(), PayloadFormat.JSON));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void cborTwinIsRefusedForTheSameReason(Example example) throws Exception {
        byte[] cbor = CBOR.writeValueAsBytes(SchemaCheck.tree(example.json()));
        Violations.refused(() -> decoder.decode(VIN, cbor, PayloadFormat.CBOR), example.expectedReason());
    }

    @ParameterizedTest
    @MethodSource("valid")
    void decodedMessageWritesBackToAnEquivalentWireMessage(Example example) {
        TelemetryMessage message = decoder.decode(VIN, example.json(), PayloadFormat.JSON);
        byte[] written = io.pitwall.contracts.Json.write(message);
        assertThat(SchemaCheck.validate("telemetry", written)).isEmpty();
        assertThat(decoder.decode(VIN, written, PayloadFormat.JSON)).isEqualTo(message);
    }
}
