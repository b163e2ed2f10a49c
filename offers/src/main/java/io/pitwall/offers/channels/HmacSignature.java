package io.pitwall.offers.channels;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on webhook deliveries and channel callbacks: header {@value #HEADER} with value
 * {@code sha256=} followed by the lower-case hex HMAC-SHA256 of the exact request body bytes under
 * the shared secret. Verification compares in constant time. Thread-safe.
 */
public final class HmacSignature {

    public static final String HEADER = "X-Pitwall-Signature";
    public static final String PREFIX = "sha256=";
    /** 32 bytes: the HMAC-SHA256 block is 64, the output 32; less would weaken the key below the hash. */
    public static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;

    public HmacSignature(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the signing secret must be at least " + MIN_SECRET_BYTES
                    + " bytes; generate one with e.g. `openssl rand -hex 32`");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public static HmacSignature ofUtf8(String secret) {
        return new HmacSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The header value for this body. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(body));
    }

    /** Whether {@code headerValue} is the signature of {@code body}; false for null or malformed values. */
    public boolean verify(byte[] body, String headerValue) {
        if (headerValue == null || !headerValue.startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(headerValue.substring(PREFIX.length()).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(body), given);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
