package io.pitwall.offers.render;

import java.util.List;
import java.util.Set;

/** An A/B test on the wording of some recommendations; each variant has its own templates. */
public record Experiment(String name, Set<String> recommendations, List<String> variants) {

    public Experiment {
        recommendations = Set.copyOf(recommendations);
        variants = List.copyOf(variants);
    }

    public String variantFor(String ownerId) {
        return AbAssignment.variant(name, variants, ownerId);
    }
}
