package io.pitwall.contracts.status;

import static io.pitwall.contracts.testing.Fixtures.LIMITS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.PayloadFormat;
import io.pitwall.contracts.testing.Examples;
import io.pitwall.contracts.testing.Examples.Example;
import io.pitwall.contracts.testing.SchemaCheck;
import io.pitwall.contracts.testing.Violations;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatusDecoderTest {

    private final StatusDecoder decoder = new StatusDecoder(LIMITS);

    static Stream<Example> valid() {
        return Examples.valid("status");
    }

    static Stream<Example> invalid() {
        return Examples.invalid("status");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void schemaAndDecoderBothAccept(Example example) {
        assertThat(SchemaCheck.validate("status", example.json())).isEmpty();
        assertThat(decoder.decode(example.json(), PayloadFormat.JSON)).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void schemaAndDecoderBothRefuse(Example example) {
        assertThat(SchemaCheck.validate("status", example.json())).isNotEmpty();
        Violations.refused(() -> decoder.decode(example.json(), PayloadFormat.JSON), example.expectedReason());
    }

    @Test
    void decodesTheWillMessage() {
        assertThat(decoder.decode("{\"online\":false}".getBytes(), PayloadFormat.JSON)).isEqualTo(VehicleStatus.OFFLINE);
    }

    @Test
    void writesTheWireFormBack() {
        assertThat(Json.writeString(VehicleStatus.ONLINE)).isEqualTo("{\"online\":true}");
        assertThat(decoder.decode(Json.writeCbor(VehicleStatus.ONLINE), PayloadFormat.CBOR)).isEqualTo(VehicleStatus.ONLINE);
    }
}
