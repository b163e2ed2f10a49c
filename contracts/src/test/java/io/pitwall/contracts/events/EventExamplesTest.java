package io.pitwall.contracts.events;

import static io.pitwall.contracts.testing.Fixtures.CLOCK;
import static io.pitwall.contracts.testing.Fixtures.LIMITS;
import static io.pitwall.contracts.testing.Fixtures.VIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.testing.Examples;
import io.pitwall.contracts.testing.Examples.Example;
import io.pitwall.contracts.testing.SchemaCheck;
import io.pitwall.contracts.testing.Violations;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema and decoder agree on every event example. Checks the schema cannot express (VIN equals
 * the topic's VIN, ts against the receiving clock, duplicate keys, non-finite or out-of-range
 * numbers inside free-form detail) are tested on the decoder alone in {@link VehicleEventDecoderTest}.
 */
class EventExamplesTest {

    private final VehicleEventDecoder decoder = new VehicleEventDecoder(LIMITS, CLOCK);

    static Stream<Example> valid() {
        return Examples.valid("event");
    }

    static Stream<Example> invalid() {
        return Examples.invalid("event");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void schemaAndDecoderBothAccept(Example example) {
        assertThat(SchemaCheck.validate("event", example.json())).isEmpty();
        assertThat(decoder.decode(VIN, example.json(), PayloadFormat.JSON).vin()).isEqualTo(VIN);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void schemaAndDecoderBothRefuse(Example example) {
        assertThat(SchemaCheck.validate("event", example.json())).isNotEmpty();
        Violations.refused(() -> decoder.decode(VIN, example.json(), PayloadFormat.JSON), example.expectedReason());
    }

    @ParameterizedTest
    @MethodSource("valid")
    void cborTwinDecodesToTheSameEvent(Example example) throws Exception {
        byte[] cbor = new CBORMapper().writeValueAsBytes(SchemaCheck.tree(example.json()));
        assertThat(decoder.decode(VIN, cbor, PayloadFormat.CBOR)).isEqualTo(decoder.decode(VIN, example.json(), PayloadFormat.JSON));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void decodedEventWritesBackToAnEquivalentWireMessage(Example example) {
        VehicleEvent event = decoder.decode(VIN, example.json(), PayloadFormat.JSON);
        byte[] written = Json.write(event);
        assertThat(SchemaCheck.validate("event", written)).isEmpty();
        assertThat(decoder.decode(VIN, written, PayloadFormat.JSON)).isEqualTo(event);
    }
}
