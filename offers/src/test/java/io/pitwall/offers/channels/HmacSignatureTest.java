package io.pitwall.offers.channels;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HmacSignatureTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void matchesOpenssl() {
        // printf '{"a":1}' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
        assertThat(HmacSignature.ofUtf8(SECRET).sign("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f0546246da9e2349100c845a8561214788d75d900f3c086a72fcfa03bb1f42ab");
    }

    @Test
    void verifiesItsOwnSignatureAndRefusesAnyChange() {
        HmacSignature s = HmacSignature.ofUtf8(SECRET);
        byte[] body = "{\"offerId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String header = s.sign(body);
        assertThat(s.verify(body, header)).isTrue();
        assertThat(s.verify(body, header.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
        assertThat(s.verify("{\"offerId\":\"y\"}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(s.verify(body, null)).isFalse();
        assertThat(s.verify(body, "sha256=zz")).isFalse();
        assertThat(s.verify(body, header.substring("sha256=".length()))).isFalse();
        assertThat(HmacSignature.ofUtf8(SECRET.replace('0', '1')).verify(body, header)).isFalse();
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> HmacSignature.ofUtf8("short")).hasMessageContaining("at least 32 bytes");
    }
}
