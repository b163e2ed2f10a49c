package io.pitwall.offers.render;

import io.pitwall.offers.wording.WordingHit;
import java.util.List;

/**
 * An offer's final text. If {@link #hits()} is not empty the text must not be sent: record the
 * offer as BLOCKED with {@code ReasonCode.FORBIDDEN_WORDING}.
 *
 * @param experiment null when the recommendation is in no experiment
 * @param variant    null likewise
 */
public record RenderedOffer(String templateId, String locale, String experiment, String variant, String title, String body,
                            String bookingUrl, List<WordingHit> hits) {

    public RenderedOffer {
        hits = List.copyOf(hits);
    }

    public boolean blocked() {
        return !hits.isEmpty();
    }
}
