package io.pitwall.offers.render;

import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.contracts.owners.Tier;
import io.pitwall.offers.catalogue.Candidate;
import io.pitwall.offers.policy.PolicyDecision;
import io.pitwall.offers.policy.Treatment;
import io.pitwall.offers.wording.WordingHit;
import io.pitwall.offers.wording.WordingScanner;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes an offer's text: picks the owner's locale and A/B variant, the template for the
 * recommendation and tier, fills the placeholders, adds the treatment's opening line and the
 * tier's line, builds the one-step booking link, and scans the result for forbidden wording - text
 * that comes from the CRM (a workshop called "Best Auto") can make a clean template illegal.
 * Thread-safe.
 */
public final class OfferRenderer {

    private static final System.Logger LOG = System.getLogger(OfferRenderer.class.getName());

    private final TemplateSet templates;
    private final WordingScanner scanner;
    private final String bookingBaseUrl;
    private final LongAdder blocked = new LongAdder();

    /** @param bookingBaseUrl an absolute http(s) URL; the offer id is appended as the {@code offer} query parameter */
    public OfferRenderer(TemplateSet templates, WordingScanner scanner, String bookingBaseUrl) {
        this.templates = templates;
        this.scanner = scanner;
        URI base;
        try {
            base = URI.create(bookingBaseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bookingBaseUrl \"" + bookingBaseUrl + "\" is not a URL", e);
        }
        if (base.getHost() == null || !("https".equals(base.getScheme()) || "http".equals(base.getScheme())) || base.getFragment() != null) {
            throw new IllegalArgumentException("bookingBaseUrl \"" + bookingBaseUrl + "\" must be an absolute http(s) URL without a fragment,"
                    + " e.g. https://book.example.cn/b");
        }
        this.bookingBaseUrl = bookingBaseUrl;
    }

    public String bookingUrl(String offerId) {
        return bookingBaseUrl + (bookingBaseUrl.contains("?") ? "&" : "?") + "offer=" + URLEncoder.encode(offerId, StandardCharsets.UTF_8);
    }

    /** Renders the decision's recommendation for the owner; call only for a SENT (or HELD, at release) decision. */
    public RenderedOffer render(String offerId, PolicyDecision decision, Candidate candidate, OwnerProfile owner) {
        String locale = templates.resolveLocale(owner.locale());
        String recommendation = decision.recommendation();
        Tier tier = decision.tier() == null ? Tier.POTENTIAL : decision.tier();
        Experiment experiment = templates.experimentFor(recommendation).orElse(null);
        String variant = experiment == null ? null : experiment.variantFor(owner.ownerId());
        OfferTemplate template = templates.find(recommendation, tier, locale, variant).orElseThrow(() -> new TemplateException(
                "no template for " + recommendation + " / " + tier + " / " + locale + "; TemplateSet.requireCovers should have caught this"));
        String bookingUrl = bookingUrl(offerId);
        Map<String, String> values = values(candidate, owner, locale, bookingUrl);
        List<String> parts = new ArrayList<>();
        Treatment treatment = decision.treatment();
        if (treatment == Treatment.REACTIVATION || treatment == Treatment.SAFETY) {
            parts.add(TemplateText.render(templates.opening(treatment, locale), values));
        }
        parts.add(TemplateText.render(template.body(), values));
        if (treatment == Treatment.STANDARD || treatment == Treatment.REACTIVATION) {
            parts.add(capitalised(TemplateText.render(templates.tierLine(tier, locale), values)));
        }
        String separator = locale.startsWith("zh") ? "" : " ";
        String title = TemplateText.render(template.title(), values);
        String body = String.join(separator, parts.stream().filter(p -> !p.isEmpty()).toList());
        List<WordingHit> hits = scanner.scan(title + "\n" + body);
        if (!hits.isEmpty()) {
            blocked.increment();
            LOG.log(System.Logger.Level.WARNING, "offer {0} for owner {1} blocked: forbidden term \"{2}\" in \"{3}\" (template {4})",
                    offerId, owner.ownerId(), hits.get(0).term(), hits.get(0).excerpt(), template.id());
        }
        return new RenderedOffer(template.id(), locale, experiment == null ? null : experiment.name(), variant, title, body, bookingUrl, hits);
    }

    /** Offers blocked by the wording check since this renderer was made. */
    public long blockedCount() {
        return blocked.sum();
    }

    private Map<String, String> values(Candidate candidate, OwnerProfile owner, String locale, String bookingUrl) {
        Map<String, String> values = new HashMap<>();
        values.put("bookingUrl", bookingUrl);
        values.put("advisorName", owner.serviceAdvisor() != null && !owner.serviceAdvisor().isBlank()
                ? owner.serviceAdvisor() : templates.advisorFallback(locale));
        if (owner.preferredWorkshopName() != null && !owner.preferredWorkshopName().isBlank()) {
            values.put("workshopName", owner.preferredWorkshopName());
        }
        putWhole(values, "kmLeft", candidate.facts().get(Candidate.KM_LEFT));
        putWhole(values, "daysLeft", candidate.facts().get(Candidate.DAYS_LEFT));
        putWhole(values, "sohPercent", candidate.facts().get(Candidate.SOH_PERCENT));
        return values;
    }

    /** A line that starts with a placeholder ("{advisorName} will...") may start with a lower-case fallback phrase. */
    private static String capitalised(String line) {
        return line.isEmpty() ? line : Character.toUpperCase(line.charAt(0)) + line.substring(1);
    }

    private static void putWhole(Map<String, String> values, String name, Double value) {
        if (value != null && Double.isFinite(value)) {
            values.put(name, Long.toString(Math.max(0, Math.round(value))));
        }
    }
}
