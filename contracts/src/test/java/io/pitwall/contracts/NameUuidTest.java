package io.pitwall.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class NameUuidTest {

    @Test
    void matchesTheRfcAlgorithm() {
        // Expected values from Python's uuid.uuid5, an independent implementation.
        assertThat(NameUuid.v5(NameUuid.URL_NAMESPACE, "https://pitwall.io"))
                .isEqualTo(UUID.fromString("000ad460-ee22-51b0-967f-bd9e74fba98f"));
        assertThat(NameUuid.v5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"))
                .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
    }

    @Test
    void isVersion5InTheRfcVariant() {
        UUID id = NameUuid.v5(NameUuid.URL_NAMESPACE, "anything");
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }
}
