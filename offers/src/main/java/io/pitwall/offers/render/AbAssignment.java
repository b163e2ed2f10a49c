package io.pitwall.offers.render;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Assigns an owner to a variant of an experiment deterministically: the first 8 bytes of
 * SHA-256({@code experiment + "\n" + ownerId}) as an unsigned number, modulo the number of variants.
 *
 * <p>Why SHA-256: it ships with every JVM (no dependency), its output is uniform for any input
 * pattern (owner ids are sequential like {@code OWN-000123}, which {@code String.hashCode} spreads
 * badly), it is the same in every language and in ClickHouse ({@code SHA256()}), so an analyst or
 * auditor can recompute any owner's variant from the ids alone, and including the experiment name
 * makes assignments of different experiments independent. The modulo bias is below 2^-50.
 */
public final class AbAssignment {

    private AbAssignment() {
    }

    public static String variant(String experiment, List<String> variants, String ownerId) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("experiment " + experiment + " has no variants");
        }
        return variants.get(bucket(experiment, ownerId, variants.size()));
    }

    /** The owner's bucket in {@code [0, buckets)}. */
    public static int bucket(String experiment, String ownerId, int buckets) {
        byte[] digest = sha256((experiment + "\n" + ownerId).getBytes(StandardCharsets.UTF_8));
        long value = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        return (int) Long.remainderUnsigned(value, buckets);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
