package io.pitwall.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretHasherTest {

    private final SecretHasher hasher = new SecretHasher(1024, 1, 1);

    @Test
    void verifiesTheSecretItHashed() {
        String stored = hasher.hash("s3cret");
        assertThat(stored).startsWith("argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.verify("s3cret", stored)).isTrue();
    }

    @Test
    void refusesAWrongSecret() {
        assertThat(hasher.verify("S3cret", hasher.hash("s3cret"))).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void verifiesHashesMadeWithOtherParameters() {
        String stored = new SecretHasher(2048, 2, 1).hash("rotated");
        assertThat(hasher.verify("rotated", stored)).isTrue();
    }

    @Test
    void refusesUnreadableStoredHashes() {
        assertThat(hasher.verify("x", "plain-text-password")).isFalse();
        assertThat(hasher.verify("x", "argon2id$v=19$m=1024,t=1,p=1$!!!$???")).isFalse();
        assertThat(hasher.verify("x", "bcrypt$v=19$m=1,t=1,p=1$AAAA$AAAA")).isFalse();
    }
}
