package io.pitwall.offers.render;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AbAssignmentTest {

    private static final List<String> AB = List.of("A", "B");

    @Test
    void splitsTenThousandSequentialOwnersRoughlyEvenly() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(AbAssignment.variant("brake-wording", AB, String.format("OWN-%06d", i)), 1, Integer::sum);
        }
        // Binomial(10000, 0.5) has a standard deviation of 50: +-250 is five sigma.
        assertThat(counts.get("A")).isBetween(4_750, 5_250);
        assertThat(counts.get("A") + counts.get("B")).isEqualTo(10_000);
    }

    @Test
    void splitsThreeWaysRoughlyEvenly() {
        int[] counts = new int[3];
        for (int i = 0; i < 10_000; i++) {
            counts[AbAssignment.bucket("three-way", "OWN-" + i, 3)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(3_033, 3_633);
        }
    }

    @Test
    void isStableAcrossCallsAndPinnedToSha256() {
        assertThat(AbAssignment.variant("brake-wording", AB, "OWN-000042")).isEqualTo(AbAssignment.variant("brake-wording", AB, "OWN-000042"));
        // SHA-256("exp\nOWN-1") starts with the bytes below; recomputable in ClickHouse with SHA256().
        long prefix = new java.math.BigInteger(1, sha("exp\nOWN-1"), 0, 8).longValue();
        assertThat(AbAssignment.bucket("exp", "OWN-1", 7)).isEqualTo((int) Long.remainderUnsigned(prefix, 7));
    }

    @Test
    void experimentsAreIndependent() {
        int same = 0;
        for (int i = 0; i < 10_000; i++) {
            String owner = "OWN-" + i;
            if (AbAssignment.variant("exp-1", AB, owner).equals(AbAssignment.variant("exp-2", AB, owner))) {
                same++;
            }
        }
        assertThat(same).isBetween(4_750, 5_250);
    }

    @Test
    void refusesAnExperimentWithoutVariants() {
        assertThatThrownBy(() -> AbAssignment.variant("x", List.of(), "OWN-1")).hasMessageContaining("no variants");
    }

    private static byte[] sha(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
