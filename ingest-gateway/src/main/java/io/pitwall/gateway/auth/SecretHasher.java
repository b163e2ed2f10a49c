package io.pitwall.gateway.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Hashes device secrets with Argon2id (Bouncy Castle's implementation: pure Java, maintained, and
 * the password-hashing competition winner) and verifies them in constant time. Hashes are stored
 * as {@code argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} so parameters can be
 * raised later without invalidating stored secrets.
 */
public final class SecretHasher {

    /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static final SecretHasher DEFAULT = new SecretHasher(19 * 1024, 2, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int lanes;

    public SecretHasher(int memoryKib, int iterations, int lanes) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.lanes = lanes;
    }

    public String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(secret, salt, memoryKib, iterations, lanes);
        return "argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + lanes
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** False for a wrong secret and for a stored hash this class cannot read. */
    public boolean verify(String secret, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 5 || !parts[0].equals("argon2id") || !parts[1].equals("v=19")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[2].split(",")) {
                int value = Integer.parseInt(kv.substring(2));
                switch (kv.charAt(0)) {
                    case 'm' -> m = value;
                    case 't' -> t = value;
                    case 'p' -> p = value;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[3]);
            byte[] expected = B64D.decode(parts[4]);
            return MessageDigest.isEqual(expected, argon2(secret, salt, m, t, p));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] argon2(String secret, byte[] salt, int memoryKib, int iterations, int lanes) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
