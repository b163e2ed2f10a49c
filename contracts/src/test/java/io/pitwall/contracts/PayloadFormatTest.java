package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadFormatTest {

    @ParameterizedTest
    @CsvSource({
        "application/json, JSON",
        "application/cbor, CBOR",
        "Application/CBOR, CBOR",
        "'application/json; charset=utf-8', JSON",
        "' application/cbor ', CBOR"})
    void readsMqtt5ContentTypes(String contentType, PayloadFormat expected) {
        assertThat(PayloadFormat.fromContentType(contentType, PayloadFormat.JSON)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void missingContentTypeMeansTheFallback(String contentType) {
        assertThat(PayloadFormat.fromContentType(contentType, PayloadFormat.CBOR)).isEqualTo(PayloadFormat.CBOR);
        assertThat(PayloadFormat.fromContentType(null, PayloadFormat.JSON)).isEqualTo(PayloadFormat.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-protobuf", "application/jsonx", "json"})
    void rejectsOtherContentTypes(String contentType) {
        assertThatThrownBy(() -> PayloadFormat.fromContentType(contentType, PayloadFormat.JSON))
                .isInstanceOfSatisfying(ContractViolation.class, v -> {
                    assertThat(v.reason()).isEqualTo(RejectReason.UNSUPPORTED_CONTENT_TYPE);
                    assertThat(v.getMessage()).contains(contentType).contains("application/json or application/cbor");
                });
    }
}
